/* The lexer of the upyOS script language.
 *
 * A line is first cut into commands at ';' outside quotes, with comments removed (a line
 * starting with '#', or ' #' outside quotes to the end). Each command is turned into words
 * only when it is about to run, so that `export a 1; echo $a` sees the new value:
 *   'single quotes' keep everything; "double quotes" expand $ and take \" \\ \$ escapes;
 *   a backslash outside quotes takes the next character as it is;
 *   $name ${name} $? $! $# $0..$9 are expanded outside single quotes; outside any quotes
 *   the value is split at white space, as the text it stands for would be, and an empty
 *   value is no word at all;
 *   an empty quoted word ("") stays a word. */
#ifndef SHELL_LEXER_H
#define SHELL_LEXER_H

#include <stddef.h>

#define LEX_MAX_WORDS 64

struct lex_word {
    char *text;
    int quoted;                 /* some of it was quoted: never an operator */
};

struct lex_words {
    struct lex_word word[LEX_MAX_WORDS];
    int count;
};

struct strbuf;
/* Appends the value of variable name (name is "?", "!", "#", "0".."9" or a variable name) to
 * out; unset variables add nothing. */
typedef void (*lex_expand_fn)(void *ctx, const char *name, struct strbuf *out);

/* Cuts line into commands. *out is a malloc'd array of malloc'd strings (free with
 * lex_free_segments). Returns the count, or a negative ERR_* with a message in err. */
int lex_segments(const char *line, char ***out, char *err, size_t err_size);
void lex_free_segments(char **segments, int count);

/* Splits one command into words, expanding variables. Returns the word count or a negative
 * ERR_* with a message in err. */
int lex_words(const char *command, lex_expand_fn expand, void *ctx, struct lex_words *out,
              char *err, size_t err_size);
void lex_free_words(struct lex_words *w);

#endif
