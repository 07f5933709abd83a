#include "lib/value.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct value value_str(const char *s)
{
    struct value v = { VAL_STR, { 0 } };
    size_t n = strlen(s) + 1;
    v.u.s = malloc(n);
    if (!v.u.s) {
        v.type = VAL_NONE;
        return v;
    }
    memcpy(v.u.s, s, n);
    return v;
}

struct value value_int(long long i)
{
    struct value v = { VAL_INT, { 0 } };
    v.u.i = i;
    return v;
}

struct value value_float(double f)
{
    struct value v = { VAL_FLOAT, { 0 } };
    v.u.f = f;
    return v;
}

struct value value_bool(int b)
{
    struct value v = { VAL_BOOL, { 0 } };
    v.u.b = b != 0;
    return v;
}

struct value value_copy(const struct value *v)
{
    if (v->type == VAL_STR)
        return value_str(v->u.s);
    return *v;
}

void value_free(struct value *v)
{
    if (v->type == VAL_STR)
        free(v->u.s);
    v->type = VAL_NONE;
}

/* Floats print like Python's repr: the shortest digits that read back the same, in fixed
 * notation for exponents -4..15 (2.5, 3.0, 1000.0) and scientific outside (1e+16, 1.5e-05). */
static int format_float(double f, char *buf, size_t size)
{
    char tmp[40];
    if (isinf(f))
        return snprintf(buf, size, f > 0 ? "inf" : "-inf");
    if (isnan(f))
        return snprintf(buf, size, "nan");
    int prec = 1;
    for (; prec < 17; prec++) {
        snprintf(tmp, sizeof tmp, "%.*e", prec - 1, f);
        if (strtod(tmp, NULL) == f)
            break;
    }
    snprintf(tmp, sizeof tmp, "%.*e", prec - 1, f);
    int exp = atoi(strchr(tmp, 'e') + 1);
    if (exp < -4 || exp >= 16)
        return snprintf(buf, size, "%.*g", prec, f);
    int decimals = prec - 1 - exp;
    snprintf(tmp, sizeof tmp, "%.*f", decimals > 0 ? decimals : 0, f);
    if (!strchr(tmp, '.'))
        strcat(tmp, ".0");
    return snprintf(buf, size, "%s", tmp);
}

int value_format(const struct value *v, char *buf, size_t size)
{
    switch (v->type) {
    case VAL_STR: return snprintf(buf, size, "%s", v->u.s);
    case VAL_INT: return snprintf(buf, size, "%lld", v->u.i);
    case VAL_FLOAT: return format_float(v->u.f, buf, size);
    case VAL_BOOL: return snprintf(buf, size, "%s", v->u.b ? "True" : "False");
    default: return snprintf(buf, size, "None");
    }
}

const char *value_type_name(enum value_type t)
{
    static const char *const names[] = { "None", "str", "int", "float", "bool" };
    return (unsigned)t < 5 ? names[t] : "?";
}

enum value_type value_parse_number(const char *word, long long *i, double *f)
{
    char *end;
    const char *p = word;
    if (*p == '+' || *p == '-')
        p++;
    if (!isdigit((unsigned char)*p) && !(*p == '.' && isdigit((unsigned char)p[1])))
        return VAL_STR;
    errno = 0;
    if (!strchr(word, '.') && !strpbrk(word, "eE")) {
        long long n = strtoll(word, &end, 10);
        if (*end == '\0' && errno == 0) {
            *i = n;
            return VAL_INT;
        }
        return VAL_STR;
    }
    double d = strtod(word, &end);
    if (*end != '\0' || errno != 0)
        return VAL_STR;
    *f = d;
    return VAL_FLOAT;
}
