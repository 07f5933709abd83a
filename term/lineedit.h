/* The console line editor: cursor keys, Home/End, Delete, backspace, Ctrl-A/E/U/K/L, history
 * with up/down, tab completion; Ctrl-C drops the line, Ctrl-D on an empty line is end of input.
 * On a stream that is not an ANSI terminal it reads plain lines without echo. */
#ifndef TERM_LINEEDIT_H
#define TERM_LINEEDIT_H

#include <stddef.h>

#include "kernel/proc.h"
#include "term/complete.h"

#define LINEEDIT_HISTORY 20
#define LINEEDIT_GROWN_START 64   /* a grown line's first allocation, and each step after */

struct lineedit {
    char *history[LINEEDIT_HISTORY];   /* oldest first */
    int history_count;
    complete_names_fn commands;        /* what else Tab offers as a command name; may be NULL */
};

struct lineedit *lineedit_new(void);
void lineedit_free(struct lineedit *le);

/* Shows prompt and reads a line from p's input into buf. Returns its length, -1 at end of
 * input, or ERR_INTR when the process was told to stop. The line goes into the history. */
int lineedit_read(struct lineedit *le, proc_t *p, const char *prompt, char *buf, size_t size);
/* The same into a line on the heap that grows as it is typed, up to max bytes with the NUL:
 * *line is allocated (LINEEDIT_GROWN_START bytes) when NULL and may move; the caller frees
 * it. A prompt waiting for a line so holds a few dozen bytes, not max. */
int lineedit_read_grown(struct lineedit *le, proc_t *p, const char *prompt, char **line,
                        size_t max);
/* Reads a line with each typed character shown as '*' (passwords). */
int lineedit_read_hidden(struct lineedit *le, proc_t *p, const char *prompt, char *buf,
                         size_t size);

/* Asks for one line with editing but no history (answers, `read VAR "prompt"`). */
int lineedit_ask(proc_t *p, const char *prompt, char *buf, size_t size);

#endif
