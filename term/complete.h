/* Tab completion: command names for the first word, paths for the others. */
#ifndef TERM_COMPLETE_H
#define TERM_COMPLETE_H

#include <stddef.h>

#define COMPLETE_MAX 64

struct completion {
    size_t word_start;          /* where the word being completed starts in the line */
    int count;
    char *match[COMPLETE_MAX];  /* full replacements for the word; dirs end in '/' */
};

/* Finds what the word before cursor could be. */
void complete_find(const char *line, size_t cursor, struct completion *c);
void complete_free(struct completion *c);
/* Length of the prefix all matches share. */
size_t complete_common(const struct completion *c);

#endif
