/* Text encodings: str.encode, bytes.decode, bytes(s, encoding) and str(b, encoding). A str is
 * UTF-8 inside, so encoding to UTF-8 is a copy; ASCII and Latin-1 are the other two codecs,
 * with the errors handlers strict, ignore and replace, and CPython's messages, since a
 * program reads them (UnicodeEncodeError: 'ascii' codec can't encode character ...). */
#include <stdio.h>
#include <string.h>
#include "py/obj.h"

enum { UTF8, ASCII, LATIN1 };
static const char *const codec_name[] = { "utf-8", "ascii", "latin-1" };
enum { STRICT, IGNORE, REPLACE };

/* An encoding named as CPython matches it: in any case, '-' and '_' alike ("UTF_8"). */
static int codec_of(pv encoding) {
    if (!encoding) return UTF8;
    const char *s = py_str_data(encoding);
    char n[10];
    size_t k = 0;
    for (const char *p = s; *p && k < sizeof n; p++)
        if (*p != '-' && *p != '_') n[k++] = (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
    if (k < sizeof n) {
        n[k] = 0;
        if (!strcmp(n, "utf8")) return UTF8;
        if (!strcmp(n, "ascii") || !strcmp(n, "usascii")) return ASCII;
        if (!strcmp(n, "latin1") || !strcmp(n, "iso88591")) return LATIN1;
    }
    py_raisef(&py_LookupError_type, "unknown encoding: %s", s);
}

/* The errors handler, asked for at the first error only: CPython looks an unknown name up,
 * and refuses it, only then. */
static int handler_of(pv errors) {
    if (!errors) return STRICT;
    const char *e = py_str_data(errors);
    if (!strcmp(e, "strict")) return STRICT;
    if (!strcmp(e, "ignore")) return IGNORE;
    if (!strcmp(e, "replace")) return REPLACE;
    py_raisef(&py_LookupError_type, "unknown error handler name '%s'", e);
}

/* The strict handler's error, one message for both ways: what (characters or bytes) at
 * [start, end) cannot be encoded or decoded, and why. */
static _Noreturn void codec_error(const py_type *t, int codec, const char *what, size_t start, size_t end, const char *why) {
    char at[24];
    snprintf(at, sizeof at, end - start > 1 ? "%d-%d" : "%d", (int)start, (int)end - 1);
    py_raise(py_exc_new(t, py_strf("'%s' codec can't %s %s in position %s: %s", codec_name[codec],
                                   t == &py_UnicodeEncodeError_type ? "encode" : "decode", what, at, why)));
}

pv py_encode(pv s, pv encoding, pv errors) {
    int codec = codec_of(encoding);
    const char *d = py_str_data(s);
    size_t n = py_str_len(s);
    if (codec == UTF8) return py_bytes_new(&py_bytes_type, d, n);
    uint32_t limit = codec == ASCII ? 128 : 256;
    py_buf b;
    buf_init(&b, n);
    for (size_t i = 0, pos = 0; i < n;) {
        uint32_t c = py_utf8_get(d, &i);
        if (c < limit) { buf_addc(&b, (char)c); pos++; continue; }
        /* a run of characters out of range is one error */
        size_t start = pos++;
        for (size_t j = i; j < n && py_utf8_get(d, &j) >= limit; i = j) pos++;
        int h = handler_of(errors);
        if (h == REPLACE) while (start++ < pos) buf_addc(&b, '?');
        else if (h != IGNORE) {
            char what[24];
            snprintf(what, sizeof what, c < 0x100 ? "character '\\x%02x'" : c < 0x10000 ? "character '\\u%04x'" : "character '\\U%08x'", (unsigned)c);
            codec_error(&py_UnicodeEncodeError_type, codec, pos - start > 1 ? "characters" : what, start, pos,
                        codec == ASCII ? "ordinal not in range(128)" : "ordinal not in range(256)");
        }
    }
    return py_bytes_new(&py_bytes_type, b.p, b.n);
}

/* The UTF-8 sequence at s (n bytes left): its length when well formed; when not, minus the
 * length of its longest start that could have begun one, which is what one error covers
 * (one U+FFFD under replace), with the reason in *why. */
static int utf8_sequence(const uint8_t *s, size_t n, const char **why) {
    uint8_t c = s[0];
    if (c < 0x80) return 1;
    int len = c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
    *why = "invalid start byte";
    if (!len) return -1;
    /* no overlong forms, no surrogates, nothing past U+10FFFF */
    uint8_t lo = c == 0xe0 ? 0xa0 : c == 0xf0 ? 0x90 : 0x80, hi = c == 0xed ? 0x9f : c == 0xf4 ? 0x8f : 0xbf;
    for (int k = 1; k < len; k++, lo = 0x80, hi = 0xbf) {
        if ((size_t)k == n) { *why = "unexpected end of data"; return -k; }
        if (s[k] < lo || s[k] > hi) { *why = "invalid continuation byte"; return -k; }
    }
    return len;
}

size_t py_utf8_invalid_at(const uint8_t *s, size_t n) {
    const char *why;
    for (size_t i = 0; i < n;) {
        if (s[i] < 0x80) { i++; continue; }
        int k = utf8_sequence(s + i, n - i, &why);
        if (k < 0) return i;
        i += (size_t)k;
    }
    return n;
}

pv py_decode(const uint8_t *d, size_t n, pv encoding, pv errors) {
    int codec = codec_of(encoding);
    py_buf b = { NULL, 0, 0 };       /* made at the first byte that is not copied as it is */
    size_t copied = 0;               /* d[0, copied) is in b */
    for (size_t i = 0; i < n;) {
        const char *why = "ordinal not in range(128)";
        int k = codec == UTF8 ? utf8_sequence(d + i, n - i, &why) : d[i] < 0x80 || codec == LATIN1 ? 1 : -1;
        if (k > 0 && (codec == UTF8 || d[i] < 0x80)) { i += (size_t)k; continue; }
        int h = k > 0 ? STRICT : handler_of(errors);
        if (k < 0 && h == STRICT) {
            char what[12];
            snprintf(what, sizeof what, k < -1 ? "bytes" : "byte 0x%02x", d[i]);
            codec_error(&py_UnicodeDecodeError_type, codec, what, i, i + (size_t)-k, why);
        }
        if (!b.p) buf_init(&b, n + 8);
        buf_add(&b, (const char *)d + copied, i - copied);
        if (k > 0) py_utf8_put(&b, d[i]);            /* Latin-1 past ASCII */
        else if (h == REPLACE) buf_add(&b, "\xef\xbf\xbd", 3);
        i += (size_t)(k > 0 ? k : -k);
        copied = i;
    }
    if (!b.p) return py_str_new((const char *)d, n);
    buf_add(&b, (const char *)d + copied, n - copied);
    return py_str_new(b.p, b.n);
}
