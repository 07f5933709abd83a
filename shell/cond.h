/* The condition of `if A OP B ACTION...`: OP is == != < > <= >= or in (A is a substring of
 * B). Words that look like numbers compare as numbers (int, or float when they hold a '.'),
 * other words as text; ordering a number against text is an error. */
#ifndef SHELL_COND_H
#define SHELL_COND_H

#include <stddef.h>

/* Sets *result to 0 or 1. Returns 0, or -1 with a message in err (unknown operator, number
 * against text in an ordering). */
int cond_compare(const char *a, const char *op, const char *b, int *result, char *err,
                 size_t err_size);

#endif
