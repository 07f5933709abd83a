#include "shell/lexer.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/err.h"
#include "lib/str.h"

/* ---- cutting a line into commands ---- */

static int skip_quoted(const char *s, size_t *i)
{
    char q = s[*i];
    for ((*i)++; s[*i]; (*i)++) {
        if (q == '"' && s[*i] == '\\' && s[*i + 1])
            (*i)++;
        else if (s[*i] == q)
            return 0;
    }
    return ERR_INVAL;
}

static int add_segment(char ***list, int *count, const char *start, size_t len)
{
    while (len && isspace((unsigned char)*start)) {
        start++;
        len--;
    }
    while (len && isspace((unsigned char)start[len - 1]))
        len--;
    if (!len)
        return 0;
    char **grown = realloc(*list, sizeof **list * (size_t)(*count + 1));
    if (!grown)
        return ERR_NOMEM;
    *list = grown;
    if (!(grown[*count] = str_ndup(start, len)))
        return ERR_NOMEM;
    (*count)++;
    return 0;
}

int lex_segments(const char *line, char ***out, char *err, size_t err_size)
{
    char **list = NULL;
    int count = 0, r = 0;
    size_t start = 0, i = 0;
    while (isspace((unsigned char)line[i]))
        i++;
    if (line[i] == '#') {
        *out = NULL;
        return 0;
    }
    for (; line[i] && r == 0; i++) {
        char c = line[i];
        if (c == '\\' && line[i + 1]) {
            i++;
        } else if (c == '\'' || c == '"') {
            if (skip_quoted(line, &i) < 0) {
                snprintf(err, err_size, "unterminated quote");
                r = ERR_INVAL;
                break;              /* i is at the end of the line */
            }
        } else if (c == '#' && i > 0 && isspace((unsigned char)line[i - 1])) {
            break;
        } else if (c == ';') {
            r = add_segment(&list, &count, line + start, i - start);
            start = i + 1;
        }
    }
    if (r == 0)
        r = add_segment(&list, &count, line + start, i - start);
    if (r < 0) {
        if (r == ERR_NOMEM)
            snprintf(err, err_size, "out of memory");
        lex_free_segments(list, count);
        return r;
    }
    *out = list;
    return count;
}

void lex_free_segments(char **segments, int count)
{
    for (int i = 0; i < count; i++)
        free(segments[i]);
    free(segments);
}

/* ---- words ---- */

static int is_name_char(char c)
{
    return isalnum((unsigned char)c) || c == '_';
}

/* Expands the variable reference at s (just after '$'); returns the characters used. */
static size_t expand_var(const char *s, lex_expand_fn expand, void *ctx, struct strbuf *b)
{
    char name[64];
    size_t n = 0;
    if (*s == '{') {
        const char *end = strchr(s, '}');
        if (!end || end - s - 1 >= (long)sizeof name) {
            strbuf_addc(b, '$');
            return 0;
        }
        n = (size_t)(end - s - 1);
        memcpy(name, s + 1, n);
        name[n] = '\0';
        n += 2;
    } else if (*s && strchr("?!#", *s)) {
        name[0] = *s;
        name[1] = '\0';
        n = 1;
    } else if (isdigit((unsigned char)*s)) {
        name[0] = *s;
        name[1] = '\0';
        n = 1;
    } else if (isalpha((unsigned char)*s) || *s == '_') {
        while (is_name_char(s[n]) && n < sizeof name - 1) {
            name[n] = s[n];
            n++;
        }
        name[n] = '\0';
    } else {
        strbuf_addc(b, '$');    /* a lone $ is itself */
        return 0;
    }
    if (expand)
        expand(ctx, name, b);
    return n;
}

static int add_word(struct lex_words *out, struct strbuf *b, int quoted, char *err, size_t err_size)
{
    if (out->count == LEX_MAX_WORDS) {
        snprintf(err, err_size, "too many words (at most %d)", LEX_MAX_WORDS);
        return ERR_INVAL;
    }
    if (b->failed) {
        snprintf(err, err_size, "out of memory");
        return ERR_NOMEM;
    }
    out->word[out->count].text = strbuf_take(b);
    out->word[out->count].quoted = quoted;
    out->count++;
    return 0;
}

/* An unquoted expansion is split at white space, as the text it stands for would be. */
static int add_unquoted(struct lex_words *out, struct strbuf *b, const char *value, int *quoted,
                        char *err, size_t err_size)
{
    for (; *value; value++) {
        if (!isspace((unsigned char)*value)) {
            strbuf_addc(b, *value);
            continue;
        }
        if (b->len || *quoted) {
            int r = add_word(out, b, *quoted, err, err_size);
            if (r < 0)
                return r;
        }
        *quoted = 0;
    }
    return 0;
}

int lex_words(const char *s, lex_expand_fn expand, void *ctx, struct lex_words *out, char *err,
              size_t err_size)
{
    struct strbuf b, value;
    int quoted = 0, r = 0;
    char quote = 0;
    strbuf_init(&b);
    out->count = 0;
    for (; *s && r == 0; s++) {
        char c = *s;
        if (quote) {
            if (c == quote)
                quote = 0;
            else if (quote == '"' && c == '\\' && s[1] && strchr("\"\\$", s[1]))
                strbuf_addc(&b, *++s);
            else if (quote == '"' && c == '$')
                s += expand_var(s + 1, expand, ctx, &b);
            else
                strbuf_addc(&b, c);
            continue;
        }
        if (isspace((unsigned char)c)) {
            if (b.len || quoted)        /* an empty unquoted expansion is no word */
                r = add_word(out, &b, quoted, err, err_size);
            quoted = 0;
            continue;
        }
        if (c == '\'' || c == '"') {
            quote = c;
            quoted = 1;
        } else if (c == '\\' && s[1]) {
            strbuf_addc(&b, *++s);
            quoted = 1;
        } else if (c == '$') {
            strbuf_init(&value);
            s += expand_var(s + 1, expand, ctx, &value);
            r = add_unquoted(out, &b, value.data ? value.data : "", &quoted, err, err_size);
            if (value.failed)
                b.failed = 1;
            strbuf_free(&value);
        } else {
            strbuf_addc(&b, c);
        }
    }
    if (r == 0 && quote) {
        snprintf(err, err_size, "unterminated quote");
        r = ERR_INVAL;
    }
    if (r == 0 && (b.len || quoted))
        r = add_word(out, &b, quoted, err, err_size);
    strbuf_free(&b);
    if (r < 0) {
        lex_free_words(out);
        return r;
    }
    return out->count;
}

void lex_free_words(struct lex_words *w)
{
    for (int i = 0; i < w->count; i++)
        free(w->word[i].text);
    w->count = 0;
}
