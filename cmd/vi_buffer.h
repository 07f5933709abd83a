/* The text vi edits: an array of lines, each its own allocation, so inserting a character
 * moves one line and not the file. */
#ifndef CMD_VI_BUFFER_H
#define CMD_VI_BUFFER_H

#include <stddef.h>

/* A file comes back byte for byte when saved unedited: its line end ("\r\n" when every
 * line has one, as vim's fileformat=dos; otherwise "\n" with any "\r" kept in the line)
 * and whether its last line had an end at all. */
struct text {
    char **line;
    int count, cap;
    int modified;
    int crlf;                  /* lines are written with "\r\n" */
    int no_final_newline;      /* the last line is written without a line end */
    int started_empty;         /* a missing or empty file: one empty line saves as no bytes */
};

int text_load(struct text *t, const char *abs);        /* a missing file gives one empty line */
int text_save(const struct text *t, const char *abs);
void text_free(struct text *t);
int text_insert_line(struct text *t, int at, const char *s, size_t len);
void text_delete_line(struct text *t, int at);       /* the text keeps at least one line */
int text_replace_line(struct text *t, int at, const char *s, size_t len);
int text_insert_char(struct text *t, int row, int col, char c);
void text_delete_char(struct text *t, int row, int col);
int text_split_line(struct text *t, int row, int col);
int text_join_next(struct text *t, int row);         /* appends row+1 to row */
/* The first line at or after from (wrapping) containing needle; -1 when none. */
int text_search(const struct text *t, int from, const char *needle);

#endif
