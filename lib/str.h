/* String helpers that standard C lacks (strdup and strlcpy are not ISO C). */
#ifndef LIB_STR_H
#define LIB_STR_H

#include <stdarg.h>
#include <stddef.h>

char *str_dup(const char *s);                         /* NULL when out of memory */
char *str_ndup(const char *s, size_t n);
size_t str_copy(char *dst, const char *src, size_t size); /* always terminates; strlen(src) */
int str_starts(const char *s, const char *prefix);
int str_ends(const char *s, const char *suffix);
int str_casecmp(const char *a, const char *b);
const char *str_casestr(const char *haystack, const char *needle);
char *str_trim_end(char *s);                          /* strips trailing white space */
/* A decimal int as scanf's %d reads it (white space, then a sign and digits) from *s, moving
 * *s past it; 0 and *s unchanged when there is none. Spares the firmware the scanf family. */
int str_scan_int(const char **s, int *out);
/* Human-readable size: 512, 1.5K, 12.0M. */
void str_human_size(unsigned long long bytes, char *buf, size_t size);
/* Bytes as a plain number, or human-readable when human is set. */
void str_size(unsigned long long bytes, int human, char *buf, size_t size);

/* A growing string buffer. */
struct strbuf {
    char *data;
    size_t len, cap;
    int failed;            /* an allocation failed: data holds what fitted */
};
void strbuf_init(struct strbuf *b);
void strbuf_add(struct strbuf *b, const char *s, size_t n);
void strbuf_adds(struct strbuf *b, const char *s);
void strbuf_addf(struct strbuf *b, const char *fmt, ...);
void strbuf_addc(struct strbuf *b, char c);
char *strbuf_take(struct strbuf *b);                  /* hands over data; b is reset */
void strbuf_free(struct strbuf *b);

#endif
