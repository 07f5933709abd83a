/* A script being run: its lines, where it is, and its labels. goto, skip and return act on it. */
#ifndef SHELL_SCRIPT_H
#define SHELL_SCRIPT_H

struct script {
    const char *path;
    char *text;                  /* the whole file; lines point into it */
    char **lines;
    int count;
    int next;                    /* index of the next line to run */
    int done;                    /* return was run */
    int line_no;                 /* the line being run, from 1, for messages */
};

struct shell;
/* Cuts s->text (malloc'd, owned by s) into lines in place (\n or \r\n). 0 or ERR_NOMEM. */
int script_load_lines(struct script *s);
/* Frees the text and the lines. */
void script_unload(struct script *s);
/* Moves execution to label (with or without its ':'); ERR_NOENT when it is missing. */
int script_goto(struct script *s, const char *label);
/* Skips the next n physical lines. */
void script_skip(struct script *s, int n);

#endif
