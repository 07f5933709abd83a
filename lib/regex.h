/* Regular expressions for grep: POSIX basic (BRE) and extended (ERE) syntax, matched by a
 * Thompson/Pike machine, so the time to search a line grows with the line's length times the
 * pattern's, never exponentially whatever the pattern (no backtracking).
 *
 * Supported: literals, `.`, bracket expressions (`[a-z]`, `[^...]`, `[[:alpha:]]` and the other
 * POSIX classes), `^` and `$` at the start and end of an alternative, `*`, and in ERE `+ ? {m,n}
 * ( ) |` (in BRE written `\+ \? \{m,n\} \( \) \|`, as GNU grep accepts them), `\w \W \s \S`.
 * Back-references are not supported (they cannot be matched without backtracking). */
#ifndef LIB_REGEX_H
#define LIB_REGEX_H

enum { REGEX_EXTENDED = 1, REGEX_ICASE = 2 };

#define REGEX_PROGRAM_MAX 1024      /* instructions: a pattern that needs more is refused */

struct regex;

/* Compiles pattern. 0, ERR_NOMEM, or ERR_INVAL with a message in *why (static text). */
int regex_compile(const char *pattern, int flags, struct regex **out, const char **why);
/* 1 when the expression matches somewhere in text, else 0. */
int regex_search(struct regex *re, const char *text);
void regex_free(struct regex *re);

#endif
