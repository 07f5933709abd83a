#include "lib/str.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

char *str_ndup(const char *s, size_t n)
{
    char *d = malloc(n + 1);
    if (d) {
        memcpy(d, s, n);
        d[n] = '\0';
    }
    return d;
}

char *str_dup(const char *s)
{
    return str_ndup(s, strlen(s));
}

size_t str_copy(char *dst, const char *src, size_t size)
{
    size_t n = strlen(src);
    if (size) {
        size_t k = n < size - 1 ? n : size - 1;
        memcpy(dst, src, k);
        dst[k] = '\0';
    }
    return n;
}

int str_starts(const char *s, const char *prefix)
{
    return strncmp(s, prefix, strlen(prefix)) == 0;
}

int str_ends(const char *s, const char *suffix)
{
    size_t a = strlen(s), b = strlen(suffix);
    return a >= b && strcmp(s + a - b, suffix) == 0;
}

int str_casecmp(const char *a, const char *b)
{
    for (;; a++, b++) {
        int d = tolower((unsigned char)*a) - tolower((unsigned char)*b);
        if (d || !*a)
            return d;
    }
}

const char *str_casestr(const char *haystack, const char *needle)
{
    size_t n = strlen(needle);
    for (; *haystack; haystack++) {
        size_t i = 0;
        while (i < n && tolower((unsigned char)haystack[i]) == tolower((unsigned char)needle[i]))
            i++;
        if (i == n)
            return haystack;
    }
    return n == 0 ? haystack : NULL;
}

char *str_trim_end(char *s)
{
    size_t n = strlen(s);
    while (n && isspace((unsigned char)s[n - 1]))
        s[--n] = '\0';
    return s;
}

/* In integers, as a core without an FPU pays dearly for a double's division and "%.1f": the
 * unit is the largest one the size reaches, and the tenth is rounded as "%.1f" rounds the
 * exact quotient (to nearest, a tie to even), so the text is the same as it was. */
void str_human_size(unsigned long long bytes, char *buf, size_t size)
{
    static const char units[] = "KMGT";
    if (bytes < 1024) {
        snprintf(buf, size, "%llu", bytes);
        return;
    }
    unsigned long long unit = 1024;
    int u = 0;
    while (bytes / unit >= 1024 && u < 3) {
        unit *= 1024;
        u++;
    }
    unsigned long long whole = bytes / unit;
    unsigned long long tenths = bytes % unit * 10;
    unsigned long long tenth = tenths / unit, rest = tenths % unit;
    if (rest * 2 > unit || (rest * 2 == unit && (tenth & 1)))
        tenth++;
    if (tenth == 10) {
        whole++;
        tenth = 0;
    }
    snprintf(buf, size, "%llu.%u%c", whole, (unsigned)tenth, units[u]);
}

void str_size(unsigned long long bytes, int human, char *buf, size_t size)
{
    if (human)
        str_human_size(bytes, buf, size);
    else
        snprintf(buf, size, "%llu", bytes);
}

void strbuf_init(struct strbuf *b)
{
    b->data = NULL;
    b->len = b->cap = 0;
    b->failed = 0;
}

static int strbuf_reserve(struct strbuf *b, size_t extra)
{
    if (b->len + extra + 1 <= b->cap)
        return 1;
    size_t cap = b->cap ? b->cap : 64;
    while (cap < b->len + extra + 1)
        cap *= 2;
    char *d = realloc(b->data, cap);
    if (!d) {
        b->failed = 1;
        return 0;
    }
    b->data = d;
    b->cap = cap;
    return 1;
}

void strbuf_add(struct strbuf *b, const char *s, size_t n)
{
    if (!strbuf_reserve(b, n))
        return;
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void strbuf_adds(struct strbuf *b, const char *s)
{
    strbuf_add(b, s, strlen(s));
}

void strbuf_addc(struct strbuf *b, char c)
{
    strbuf_add(b, &c, 1);
}

void strbuf_addf(struct strbuf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0 || !strbuf_reserve(b, (size_t)n))
        return;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

char *strbuf_take(struct strbuf *b)
{
    char *d = b->data ? b->data : str_dup("");
    strbuf_init(b);
    return d;
}

void strbuf_free(struct strbuf *b)
{
    free(b->data);
    strbuf_init(b);
}

int str_scan_int(const char **s, int *out)
{
    char *end;
    long v = strtol(*s, &end, 10);
    if (end == *s)
        return 0;
    *out = (int)v;
    *s = end;
    return 1;
}
