/* Tab completion: command names for the first word, paths for the others. The command names
 * are those built in, as the line's owner lists them, and the programs and scripts in /bin. */
#ifndef TERM_COMPLETE_H
#define TERM_COMPLETE_H

#include <stddef.h>

#define COMPLETE_MAX 64

struct completion {
    size_t word_start;          /* where the word being completed starts in the line */
    int count;
    char *match[COMPLETE_MAX];  /* full replacements for the word; dirs end in '/' */
};

/* Calls see() for every name a command word may be built in, in sorted order (the shell's
 * shell_each_name: the command table and the shell's own builtins). */
typedef void (*complete_see_fn)(void *ctx, const char *name, const char *usage,
                                const char *help);
typedef void (*complete_names_fn)(complete_see_fn see, void *ctx);

/* Finds what the word before cursor could be; names NULL: the command table's. */
void complete_find(const char *line, size_t cursor, complete_names_fn names,
                   struct completion *c);
void complete_free(struct completion *c);
/* Length of the prefix all matches share. */
size_t complete_common(const struct completion *c);

#endif
