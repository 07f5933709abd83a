/* Regular expressions for grep and for Python's re: POSIX basic (BRE) and extended (ERE)
 * syntax, or Python's (REGEX_PYTHON), matched by a Thompson/Pike machine, so the time to
 * search a text grows with the text's length times the pattern's, never exponentially whatever
 * the pattern (no backtracking).
 *
 * Supported: literals, `.`, bracket expressions (`[a-z]`, `[^...]`, `[[:alpha:]]` and the other
 * POSIX classes), `^` and `$` at the start and end of an alternative, `*`, and in ERE `+ ? {m,n}
 * ( ) |` (in BRE written `\+ \? \{m,n\} \( \) \|`, as GNU grep accepts them), `\w \W \s \S`.
 * Back-references are not supported (they cannot be matched without backtracking).
 *
 * Python syntax adds capturing groups, `(?:...)`, `(?P<name>...)`, lazy repeats (`*? +? ??
 * {m,n}?`), `\d \D \b \B \A \Z`, the escapes `\n \t \r \f \v \a \0 \xhh` (in brackets too),
 * `^`/`$` anywhere, and the flags below; a match gives the span of every group, with Perl's
 * leftmost-first choice between alternatives. A text is UTF-8 (a `.` or `[^...]` takes a whole
 * character) unless REGEX_BYTES; `\w \d \s \b` and case folding know ASCII only. */
#ifndef LIB_REGEX_H
#define LIB_REGEX_H

#include <stddef.h>
#include <stdint.h>

enum { REGEX_EXTENDED = 1, REGEX_ICASE = 2, REGEX_PYTHON = 4, REGEX_MULTILINE = 8,
       REGEX_DOTALL = 16, REGEX_BYTES = 32 };

#define REGEX_PROGRAM_MAX 1024      /* instructions: a pattern that needs more is refused */
#define REGEX_GROUPS_MAX 32         /* capturing groups of a Python pattern */

struct regex;

/* Compiles pattern. 0, ERR_NOMEM, or ERR_INVAL with a message in *why (static text). */
int regex_compile(const char *pattern, int flags, struct regex **out, const char **why);
/* 1 when the expression matches somewhere in text, else 0. */
int regex_search(struct regex *re, const char *text);
void regex_free(struct regex *re);

/* A compiled expression is one block without pointers: regex_size bytes that memcpy may move
 * (the interpreter keeps it in its own heap). */
size_t regex_size(const struct regex *re);
/* Capturing groups, group 0 (the whole match) not counted; the name of one ("" unnamed). */
int regex_groups(const struct regex *re);
const char *regex_group_name(const struct regex *re, int group);

enum { REGEX_ANCHORED = 1, REGEX_FULL = 2 };
/* The first match in text[start, len) (the text before start is still seen by `^` and `\b`);
 * with REGEX_ANCHORED only one that begins at start, with REGEX_FULL only one that ends at len.
 * 1 and caps filled (2 * (groups + 1) byte offsets, start and end of each group, -1 for a group
 * that took no part), or 0. caps may be NULL. */
int regex_exec(struct regex *re, const char *text, size_t len, size_t start, int how,
               int32_t *caps);

#endif
