/* Release manifests (lib/manifest.h). Every field is checked against its limits before it is
 * copied, so any text, however malformed, gives an answer and touches nothing outside. */
#include "lib/manifest.h"

#include <string.h>

#include "lib/err.h"

#define LINE_MAX_LEN (MANIFEST_PATH_MAX + 96)

struct line {
    const char *s;
    size_t n;
};

/* The next line (without its "\n" or "\r\n"): 1, or 0 at the end of the text. */
static int next_line(struct manifest_reader *r, struct line *l)
{
    if (r->pos >= r->len)
        return 0;
    const char *start = r->text + r->pos;
    const char *nl = memchr(start, '\n', r->len - r->pos);
    size_t n = nl ? (size_t)(nl - start) : r->len - r->pos;
    r->pos += n + (nl != NULL);
    r->line++;
    if (n > 0 && start[n - 1] == '\r')
        n--;
    l->s = start;
    l->n = n;
    return 1;
}

/* Splits off the field up to the next comma (or the line's end): its length, and l moves past
 * the comma. -1 when the line has no more fields. */
static long field(struct line *l, const char **out, int *had_comma)
{
    if (!l->s)
        return -1;
    const char *comma = memchr(l->s, ',', l->n);
    size_t n = comma ? (size_t)(comma - l->s) : l->n;
    *out = l->s;
    *had_comma = comma != NULL;
    if (comma) {
        l->n -= n + 1;
        l->s = comma + 1;
    } else {
        l->s = NULL;
    }
    return (long)n;
}

static int is_text(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if ((unsigned char)s[i] < 0x20 || s[i] == 0x7f)
            return 0;
    return 1;
}

static int parse_number(const char *s, long n, long *out)
{
    long v = 0;
    if (n < 1 || n > 10)
        return ERR_INVAL;
    for (long i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return ERR_INVAL;
        v = v * 10 + (s[i] - '0');
    }
    if (v > MANIFEST_SIZE_MAX)
        return ERR_INVAL;
    *out = v;
    return 0;
}

static int hex_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

static int parse_hex(const char *s, long n, uint8_t *out, size_t bytes)
{
    if (n != (long)(2 * bytes))
        return ERR_INVAL;
    for (size_t i = 0; i < bytes; i++) {
        int hi = hex_value(s[2 * i]), lo = hex_value(s[2 * i + 1]);
        if (hi < 0 || lo < 0)
            return ERR_INVAL;
        if (out)
            out[i] = (uint8_t)(hi << 4 | lo);
    }
    return 0;
}

/* An absolute path without empty, "." or ".." parts, control characters or a trailing "/". */
static int clean_path(const char *s, long n)
{
    if (n < 2 || n >= MANIFEST_PATH_MAX || s[0] != '/' || s[n - 1] == '/' || !is_text(s, (size_t)n))
        return 0;
    for (long i = 0; i < n; i++) {
        if (s[i] != '/')
            continue;
        long part = i + 1;
        while (part < n && s[part] != '/')
            part++;
        long len = part - i - 1;
        if (len == 0 || (len == 1 && s[i + 1] == '.') ||
            (len == 2 && s[i + 1] == '.' && s[i + 2] == '.'))
            return 0;
    }
    return 1;
}

static int parse_entry(struct line l, struct manifest_entry *e)
{
    const char *f;
    int comma;
    long n = field(&l, &f, &comma);
    if (!comma || !clean_path(f, n))
        return ERR_INVAL;
    memcpy(e->path, f, (size_t)n);
    e->path[n] = '\0';
    n = field(&l, &f, &comma);
    if (!comma || parse_number(f, n, &e->size) < 0)
        return ERR_INVAL;
    n = field(&l, &f, &comma);
    if (!comma || parse_hex(f, n, e->sha256, sizeof e->sha256) < 0)
        return ERR_INVAL;
    e->flags = 0;
    n = field(&l, &f, &comma);
    if (comma)
        return ERR_INVAL;
    if (n == 9 && memcmp(f, "protected", 9) == 0)
        e->flags = MANIFEST_PROTECTED;
    else if (n != 0)
        return ERR_INVAL;
    return 0;
}

static int starts(struct line l, const char *prefix)
{
    size_t n = strlen(prefix);
    return l.n >= n && memcmp(l.s, prefix, n) == 0;
}

/* "#upyOS,<version>,<date>" (or "#upyOS-C,..."). */
static int parse_header(struct line l, struct manifest_head *h)
{
    const char *f;
    int comma;
    long n = field(&l, &f, &comma);
    if (!comma || !((n == 6 && !memcmp(f, "#upyOS", 6)) || (n == 8 && !memcmp(f, "#upyOS-C", 8))))
        return ERR_INVAL;
    n = field(&l, &f, &comma);
    if (!comma || n < 1 || n >= MANIFEST_VERSION_MAX || !is_text(f, (size_t)n))
        return ERR_INVAL;
    memcpy(h->version, f, (size_t)n);
    h->version[n] = '\0';
    n = field(&l, &f, &comma);
    if (comma || n != 10 || !is_text(f, 10))
        return ERR_INVAL;
    memcpy(h->date, f, 10);
    h->date[10] = '\0';
    return 0;
}

static int parse_key(struct line l, struct manifest_head *h)
{
    if (l.n != 5 + MANIFEST_KEY_ID_LEN || parse_hex(l.s + 5, MANIFEST_KEY_ID_LEN, NULL,
                                                     MANIFEST_KEY_ID_LEN / 2) < 0)
        return ERR_INVAL;
    memcpy(h->key_id, l.s + 5, MANIFEST_KEY_ID_LEN);
    h->key_id[MANIFEST_KEY_ID_LEN] = '\0';
    return 0;
}

void manifest_begin(struct manifest_reader *r, const char *text, size_t len)
{
    r->text = text;
    r->len = len;
    r->pos = 0;
    r->line = 0;
}

int manifest_next(struct manifest_reader *r, struct manifest_entry *e)
{
    struct line l;
    while (next_line(r, &l)) {
        if (l.n > 0 && l.s[0] == '#')
            continue;               /* header, key and count lines: checked by manifest_check */
        return parse_entry(l, e) < 0 ? ERR_INVAL : 1;
    }
    return 0;
}

int manifest_find(const char *text, size_t len, const char *path, struct manifest_entry *e)
{
    struct manifest_reader r;
    manifest_begin(&r, text, len);
    while (manifest_next(&r, e) == 1)
        if (strcmp(e->path, path) == 0)
            return 1;
    return 0;
}

/* Whether an entry after the one ending at `after` names the same path. */
static int repeated(const char *text, size_t len, size_t after, const char *path)
{
    struct manifest_reader r;
    struct manifest_entry other;
    manifest_begin(&r, text + after, len - after);
    while (manifest_next(&r, &other) == 1)
        if (strcmp(other.path, path) == 0)
            return 1;
    return 0;
}

static int check_body(struct manifest_reader *r, struct manifest_head *h)
{
    struct line l;
    struct manifest_entry e;
    if (!next_line(r, &l) || parse_header(l, h) < 0)
        return ERR_INVAL;
    size_t after_header = r->pos;
    int header_line = r->line;
    if (next_line(r, &l) && starts(l, "#key,")) {
        if (parse_key(l, h) < 0)
            return ERR_INVAL;
    } else {
        r->pos = after_header;     /* no key line: read this one again as an entry */
        r->line = header_line;
    }
    long count = 0;
    while (next_line(r, &l)) {
        if (l.n > LINE_MAX_LEN || memchr(l.s, '\0', l.n))
            return ERR_INVAL;
        if (starts(l, "#files,")) {
            const char *f;
            int comma;
            field(&l, &f, &comma);
            long n = field(&l, &f, &comma);
            if (comma || parse_number(f, n, &h->files) < 0 || h->files != count)
                return ERR_INVAL;
            return r->pos == r->len ? 0 : (r->line++, ERR_INVAL);
        }
        if (parse_entry(l, &e) < 0 || repeated(r->text, r->len, r->pos, e.path))
            return ERR_INVAL;
        count++;
    }
    r->line++;                     /* the missing count line */
    return ERR_INVAL;
}

int manifest_check(const char *text, size_t len, struct manifest_head *head, int *bad_line)
{
    struct manifest_reader r;
    memset(head, 0, sizeof *head);
    manifest_begin(&r, text, len);
    int err = check_body(&r, head);
    if (bad_line)
        *bad_line = err < 0 ? (r.line > 0 ? r.line : 1) : 0;
    return err;
}

/* The length of the dotted part starting at s. */
static size_t part_len(const char *s)
{
    return strcspn(s, ".");
}

static int all_digits(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9')
            return 0;
    return n > 0;
}

int manifest_version_cmp(const char *a, const char *b)
{
    while (*a || *b) {
        size_t na = part_len(a), nb = part_len(b);
        int c;
        if (all_digits(a, na) && all_digits(b, nb)) {
            while (na > 1 && *a == '0')
                a++, na--;
            while (nb > 1 && *b == '0')
                b++, nb--;
            c = na != nb ? (na < nb ? -1 : 1) : memcmp(a, b, na);
        } else {
            size_t n = na < nb ? na : nb;
            c = memcmp(a, b, n);
            if (c == 0 && na != nb)
                c = na < nb ? -1 : 1;
        }
        if (c != 0)
            return c < 0 ? -1 : 1;
        a += na + (a[na] == '.');
        b += nb + (b[nb] == '.');
    }
    return 0;
}
