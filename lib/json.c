#include "lib/json.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/leaf.h"
#include "lib/str.h"

#define JSON_MAX_DEPTH 32

/* The parser either builds a tree or, with build 0, only walks the text: the same code then
 * checks a text (json_check) and steps over the members json_parse_member does not want,
 * allocating nothing and accepting exactly what json_parse accepts. */
struct parser {
    const char *s;
    const char *start;
    const char *error;
    int depth;
    int build;
};

/* What a value walked over without building returns: not NULL, never written or freed, so it
 * stays in flash. */
static const struct json walked;
#define WALKED ((struct json *)(uintptr_t)&walked)

INLINE_LEAF void skip_space(struct parser *p)
{
    while (*p->s == ' ' || *p->s == '\t' || *p->s == '\n' || *p->s == '\r')
        p->s++;
}

static struct json *fail(struct parser *p, const char *msg, struct json *partial)
{
    if (!p->error)
        p->error = msg;
    if (p->build)
        json_free(partial);
    return NULL;
}

struct json *json_new(enum json_type type)
{
    struct json *j = calloc(1, sizeof *j);
    if (j)
        j->type = type;
    return j;
}

static LEAF int hex_digit(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

static LEAF size_t put_utf8(char *out, unsigned cp)
{
    if (cp < 0x80) { out[0] = (char)cp; return 1; }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    out[0] = (char)(0xE0 | (cp >> 12));
    out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[2] = (char)(0x80 | (cp & 0x3F));
    return 3;
}

/* Calls only leaves: a leaf itself as far as the stack check goes (lib/leaf.h). */
static LEAF int read_escape(struct parser *p, char *out, size_t *n)
{
    char c = *p->s++;
    const char *simple = "\"\"\\\\//b\bf\fn\nr\rt\t";
    for (const char *e = simple; *e; e += 2)
        if (c == e[0]) {
            out[(*n)++] = e[1];
            return 0;
        }
    if (c != 'u')
        return -1;
    unsigned cp = 0;
    for (int i = 0; i < 4; i++) {
        int d = hex_digit(*p->s++);
        if (d < 0)
            return -1;
        cp = cp * 16 + (unsigned)d;
    }
    *n += put_utf8(out + *n, cp);
    return 0;
}

static char *parse_string_raw(struct parser *p)
{
    const char *q = ++p->s;        /* past the opening quote */
    while (*q && *q != '"')
        q += (*q == '\\' && q[1]) ? 2 : 1;
    if (*q != '"') {
        p->error = "unterminated string";
        return NULL;
    }
    char *out = malloc((size_t)(q - p->s) * 3 / 2 + 4);
    if (!out) {
        p->error = "out of memory";
        return NULL;
    }
    size_t n = 0;
    while (*p->s != '"') {
        if ((unsigned char)*p->s < 0x20) {
            free(out);
            p->error = "control character in string";
            return NULL;
        }
        if (*p->s == '\\') {
            p->s++;
            if (read_escape(p, out, &n) < 0) {
                free(out);
                p->error = "bad escape in string";
                return NULL;
            }
        } else {
            out[n++] = *p->s++;
        }
    }
    p->s++;
    out[n] = '\0';
    return out;
}

/* Walking: a string checked in one pass, nothing kept. Where it is wrong the message may not
 * be parse_string_raw's: json_check asks json_parse for that. */
static LEAF char *walk_string(struct parser *p)
{
    char scratch[4];
    for (p->s++;;) {
        unsigned char c = (unsigned char)*p->s++;
        size_t n = 0;
        if (c == '"')
            return (char *)WALKED;
        if (c < 0x20 || (c == '\\' && read_escape(p, scratch, &n) < 0)) {
            p->error = "bad string";
            return NULL;
        }
    }
}

/* A string: its text, or WALKED when walking. */
static char *parse_string(struct parser *p)
{
    return p->build ? parse_string_raw(p) : walk_string(p);
}

static struct json *parse_value(struct parser *p);

static struct json *parse_container(struct parser *p, enum json_type type, char close)
{
    struct json *node = p->build ? json_new(type) : WALKED, **tail;
    if (!node)
        return fail(p, "out of memory", NULL);
    if (++p->depth > JSON_MAX_DEPTH)
        return fail(p, "nested too deeply", node);
    tail = &node->child;
    p->s++;
    skip_space(p);
    if (*p->s == close) {
        p->s++;
        p->depth--;
        return node;
    }
    for (;;) {
        char *key = NULL;
        skip_space(p);
        if (type == JSON_OBJECT) {
            if (*p->s != '"')
                return fail(p, "expected a member name", node);
            if (!(key = parse_string(p)))
                return fail(p, NULL, node);
            if (!p->build)
                key = NULL;
            skip_space(p);
            if (*p->s++ != ':') {
                free(key);
                return fail(p, "expected ':'", node);
            }
        }
        struct json *child = parse_value(p);
        if (!child) {
            free(key);
            return fail(p, NULL, node);
        }
        if (p->build) {
            child->key = key;
            *tail = child;
            tail = &child->next;
        }
        skip_space(p);
        if (*p->s == ',') {
            p->s++;
            continue;
        }
        if (*p->s == close) {
            p->s++;
            p->depth--;
            return node;
        }
        return fail(p, type == JSON_OBJECT ? "expected ',' or '}'" : "expected ',' or ']'", node);
    }
}

static struct json *parse_literal(struct parser *p)
{
    static const struct { const char *word; enum json_type type; int b; } words[] = {
        { "true", JSON_BOOL, 1 }, { "false", JSON_BOOL, 0 }, { "null", JSON_NULL, 0 },
    };
    for (size_t i = 0; i < 3; i++) {
        if (*p->s != words[i].word[0])     /* most literals are numbers: no call for them */
            continue;
        size_t n = strlen(words[i].word);
        if (strncmp(p->s, words[i].word, n) == 0) {
            struct json *j = p->build ? json_new(words[i].type) : WALKED;
            if (!j)
                return fail(p, "out of memory", NULL);
            if (p->build)
                j->boolean = words[i].b;
            p->s += n;
            return j;
        }
    }
    char *end;
    double d = strtod(p->s, &end);
    if (end == p->s || !(*p->s == '-' || (*p->s >= '0' && *p->s <= '9')))
        return fail(p, "unexpected character", NULL);
    p->s = end;
    if (!p->build)
        return WALKED;
    struct json *j = json_new(JSON_NUMBER);
    if (!j)
        return fail(p, "out of memory", NULL);
    j->num = d;
    return j;
}

static struct json *parse_value(struct parser *p)
{
    skip_space(p);
    switch (*p->s) {
    case '{': return parse_container(p, JSON_OBJECT, '}');
    case '[': return parse_container(p, JSON_ARRAY, ']');
    case '"': {
        char *s = parse_string(p);
        if (!s || !p->build)
            return (struct json *)s;
        struct json *j = json_new(JSON_STRING);
        if (!j) {
            free(s);
            return fail(p, "out of memory", NULL);
        }
        j->str = s;
        return j;
    }
    case '\0': return fail(p, "unexpected end", NULL);
    default: return parse_literal(p);
    }
}

static struct json *parse_text(const char *text, int build, char *err, size_t err_size)
{
    struct parser p = { text, text, NULL, 0, build };
    struct json *j = parse_value(&p);
    if (j) {
        skip_space(&p);
        if (*p.s) {
            j = fail(&p, "trailing characters", j);
        }
    }
    if (!j && err)
        snprintf(err, err_size, "%s at offset %ld", p.error ? p.error : "syntax error",
                 (long)(p.s - p.start));
    return j;
}

struct json *json_parse(const char *text, char *err, size_t err_size)
{
    return parse_text(text, 1, err, err_size);
}

int json_check(const char *text, char *err, size_t err_size)
{
    if (parse_text(text, 0, NULL, 0))
        return 0;
    if (err)                         /* the parser's own message, as json_parse gives it */
        json_free(parse_text(text, 1, err, err_size));
    return -1;
}

/* The end of the string that starts at s (its opening quote): past its closing quote. */
static LEAF const char *string_end(const char *s)
{
    for (s++; *s != '"'; s++)
        if (*s == '\\')
            s++;
    return s + 1;
}

/* The end of the value that starts at s, in a text json_check accepted: only quotes and
 * brackets are looked at, several times faster than the parser's walk, as a look-up steps
 * over every member before the one it wants. */
static LEAF const char *value_end(const char *s)
{
    int depth = 0;
    do {
        if (*s == '"')
            s = string_end(s);
        else if (*s == '{' || *s == '[')
            depth++, s++;
        else if (*s == '}' || *s == ']')
            depth--, s++;
        else if (depth == 0)
            while (*s && *s != ',' && *s != '}' && *s != ']')
                s++;
        else
            s++;
    } while (depth > 0 && *s);
    return s;
}

/* Whether the member name at s (its opening quote) is key: compared as written when it has no
 * escape, else decoded. */
static int name_is(const char *s, const char *key)
{
    size_t n = strlen(key);
    /* as written only without a backslash in it: `"la\"b"` is not the name `la\` */
    if (strncmp(s + 1, key, n) == 0 && s[n + 1] == '"' && !memchr(s + 1, '\\', n))
        return 1;
    const char *end = string_end(s);
    if (!memchr(s, '\\', (size_t)(end - s)))
        return 0;
    struct parser p = { s, s, NULL, 0, 1 };
    char *name = parse_string_raw(&p);
    int same = name && strcmp(name, key) == 0;
    free(name);
    return same;
}

struct json *json_parse_member(const char *text, const char *key)
{
    struct parser p = { text, text, NULL, 0, 1 };
    if (!text)
        return NULL;
    skip_space(&p);
    if (*p.s != '{')
        return NULL;
    p.s++;
    for (;;) {
        skip_space(&p);
        if (*p.s != '"')
            return NULL;
        int wanted = name_is(p.s, key);
        p.s = string_end(p.s);
        skip_space(&p);
        if (*p.s++ != ':')
            return NULL;
        skip_space(&p);
        if (wanted)
            return parse_value(&p);
        p.s = value_end(p.s);
        skip_space(&p);
        if (*p.s++ != ',')
            return NULL;
    }
}

/* Outside strings every character up to the space goes; a string is copied as it is, to its
 * closing quote (an escaped quote does not close it). One tight loop for each: the board
 * file and system.conf are squeezed at every boot. */
LEAF size_t json_squeeze(char *text)
{
    char *out = text;
    const char *c = text;
    for (;;) {
        char ch = *c++;
        if ((unsigned char)ch > ' ') {
            *out++ = ch;
            if (ch == '"') {
                while ((ch = *c) != '\0') {
                    *out++ = ch;
                    c++;
                    if (ch == '"')
                        break;
                    if (ch == '\\' && *c)
                        *out++ = *c++;
                }
            }
        } else if (ch == '\0') {
            break;
        }
    }
    *out = '\0';
    return (size_t)(out - text);
}

void json_free(struct json *j)
{
    while (j) {
        struct json *next = j->next;
        json_free(j->child);
        free(j->key);
        free(j->str);
        free(j);
        j = next;
    }
}

struct json *json_get(const struct json *obj, const char *key)
{
    if (!obj || obj->type != JSON_OBJECT)
        return NULL;
    for (struct json *c = obj->child; c; c = c->next)
        if (c->key && strcmp(c->key, key) == 0)
            return c;
    return NULL;
}

const char *json_get_str(const struct json *obj, const char *key, const char *fallback)
{
    struct json *j = json_get(obj, key);
    return j && j->type == JSON_STRING ? j->str : fallback;
}

int json_count(const struct json *arr)
{
    int n = 0;
    if (arr && (arr->type == JSON_ARRAY || arr->type == JSON_OBJECT))
        for (struct json *c = arr->child; c; c = c->next)
            n++;
    return n;
}

struct json *json_new_str(const char *s)
{
    struct json *j = json_new(JSON_STRING);
    if (j && !(j->str = str_dup(s))) {
        free(j);
        return NULL;
    }
    return j;
}

struct json *json_new_num(double n)
{
    struct json *j = json_new(JSON_NUMBER);
    if (j)
        j->num = n;
    return j;
}

void json_add(struct json *parent, const char *key, struct json *child)
{
    struct json **link = &parent->child;
    if (!child)
        return;
    if (parent->type == JSON_OBJECT) {
        child->key = str_dup(key);
        for (; *link; link = &(*link)->next)
            if (strcmp((*link)->key, key) == 0) {
                struct json *old = *link;
                child->next = old->next;
                old->next = NULL;
                *link = child;
                json_free(old);
                return;
            }
    }
    while (*link)
        link = &(*link)->next;
    *link = child;
}

/* ---- writing ---- */

/* Text is gathered in a small buffer and handed to emit in pieces of up to its size: emit
 * may be a file or a growing string, where a call per character is what the time goes to. */
#define WRITER_BUF 64

struct writer {
    void (*emit)(void *ctx, const char *s, size_t n);
    void *ctx;
    int indent;
    size_t len;
    char buf[WRITER_BUF];
};

static void flush(struct writer *w)
{
    if (w->len)
        w->emit(w->ctx, w->buf, w->len);
    w->len = 0;
}

static void put_n(struct writer *w, const char *s, size_t n)
{
    while (n) {
        if (w->len == sizeof w->buf)
            flush(w);
        size_t room = sizeof w->buf - w->len;
        size_t k = n < room ? n : room;
        memcpy(w->buf + w->len, s, k);
        w->len += k;
        s += k;
        n -= k;
    }
}

static void put(struct writer *w, const char *s)
{
    put_n(w, s, strlen(s));
}

static void put_string(struct writer *w, const char *s)
{
    put(w, "\"");
    for (;;) {
        const char *plain = s;
        while ((unsigned char)*s >= 0x20 && *s != '"' && *s != '\\')
            s++;
        put_n(w, plain, (size_t)(s - plain));
        if (!*s)
            break;
        char esc[8];
        unsigned char c = (unsigned char)*s++;
        if (c == '"' || c == '\\') {
            esc[0] = '\\'; esc[1] = (char)c; esc[2] = 0;
        } else if (c == '\n') {
            strcpy(esc, "\\n");
        } else if (c == '\t') {
            strcpy(esc, "\\t");
        } else if (c == '\r') {
            strcpy(esc, "\\r");
        } else {
            snprintf(esc, sizeof esc, "\\u%04x", c);
        }
        put(w, esc);
    }
    put(w, "\"");
}

static void put_newline(struct writer *w, int level)
{
    static const char spaces[] = "                ";
    if (!w->indent)
        return;
    put_n(w, "\n", 1);
    for (size_t n = (size_t)(level * w->indent); n;) {
        size_t k = n < sizeof spaces - 1 ? n : sizeof spaces - 1;
        put_n(w, spaces, k);
        n -= k;
    }
}

static void write_node(struct writer *w, const struct json *j, int level)
{
    char num[40];
    switch (j->type) {
    case JSON_NULL: put(w, "null"); break;
    case JSON_BOOL: put(w, j->boolean ? "true" : "false"); break;
    case JSON_NUMBER:
        if (j->num < 1e15 && j->num > -1e15 && j->num == (double)(long long)j->num)
            snprintf(num, sizeof num, "%lld", (long long)j->num);
        else
            snprintf(num, sizeof num, "%.17g", j->num);
        put(w, num);
        break;
    case JSON_STRING: put_string(w, j->str); break;
    case JSON_ARRAY:
    case JSON_OBJECT:
        put(w, j->type == JSON_ARRAY ? "[" : "{");
        for (const struct json *c = j->child; c; c = c->next) {
            put_newline(w, level + 1);
            if (j->type == JSON_OBJECT) {
                put_string(w, c->key ? c->key : "");
                put(w, w->indent ? ": " : ":");
            }
            write_node(w, c, level + 1);
            if (c->next)
                put(w, w->indent ? "," : ", ");
        }
        if (j->child)
            put_newline(w, level);
        put(w, j->type == JSON_ARRAY ? "]" : "}");
        break;
    }
}

void json_write(const struct json *j, int indent, void (*emit)(void *ctx, const char *s, size_t n),
                void *ctx)
{
    struct writer w = { emit, ctx, indent, 0, { 0 } };
    write_node(&w, j, 0);
    flush(&w);
}

static void strbuf_emit(void *ctx, const char *s, size_t n)
{
    strbuf_add(ctx, s, n);
}

/* A literal (number, true, false, null) of a squeezed text ends at the next separator. */
static LEAF const char *literal_end(const char *s)
{
    while (*s && *s != ',' && *s != ':' && *s != ']' && *s != '}')
        s++;
    return s;
}

/* The text's tokens as they are, the white space json_write would put between them. */
static void write_text(struct writer *w, const void *text)
{
    const char *s = text;
    int level = 0;
    while (*s) {
        const char *start = s;
        switch (*s) {
        case '"':
            s = string_end(s);
            put_n(w, start, (size_t)(s - start));
            break;
        case '{':
        case '[':
            put_n(w, s++, 1);
            if (*s == '}' || *s == ']')
                put_n(w, s++, 1);        /* empty: nothing between */
            else
                put_newline(w, ++level);
            break;
        case '}':
        case ']':
            put_newline(w, --level);
            put_n(w, s++, 1);
            break;
        case ',':
            put_n(w, ",", 1);
            put_newline(w, level);
            s++;
            break;
        case ':':
            put_n(w, ": ", 2);
            s++;
            break;
        default:
            s = literal_end(s);
            put_n(w, start, (size_t)(s - start));
        }
    }
}

static void write_tree(struct writer *w, const void *tree)
{
    write_node(w, tree, 0);
}

/* What write writes of what, into a malloc'd string; NULL with no memory. */
static char *written(void (*write)(struct writer *w, const void *what), const void *what,
                     int indent)
{
    struct strbuf b;
    strbuf_init(&b);
    struct writer w = { strbuf_emit, &b, indent, 0, { 0 } };
    write(&w, what);
    flush(&w);
    if (b.failed) {
        strbuf_free(&b);
        return NULL;
    }
    return strbuf_take(&b);
}

char *json_text_indented(const char *text, int indent)
{
    return written(write_text, text, indent);
}

char *json_to_string(const struct json *j, int indent)
{
    return written(write_tree, j, indent);
}
