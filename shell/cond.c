#include "shell/cond.h"

#include <stdio.h>
#include <string.h>

#include "lib/value.h"

enum cmp { CMP_EQ, CMP_NE, CMP_LT, CMP_GT, CMP_LE, CMP_GE, CMP_IN, CMP_BAD };

static enum cmp parse_op(const char *op)
{
    static const char *const names[] = { "==", "!=", "<", ">", "<=", ">=", "in" };
    for (int i = 0; i < CMP_BAD; i++)
        if (strcmp(op, names[i]) == 0)
            return (enum cmp)i;
    return CMP_BAD;
}

static int holds(enum cmp op, int c)
{
    switch (op) {
    case CMP_EQ: return c == 0;
    case CMP_NE: return c != 0;
    case CMP_LT: return c < 0;
    case CMP_GT: return c > 0;
    case CMP_LE: return c <= 0;
    default: return c >= 0;
    }
}

/* -1, 0, 1 for two numbers of either type. */
static int numeric_order(enum value_type ta, long long ia, double fa, enum value_type tb,
                         long long ib, double fb)
{
    if (ta == VAL_INT && tb == VAL_INT)
        return (ia > ib) - (ia < ib);
    double x = ta == VAL_INT ? (double)ia : fa, y = tb == VAL_INT ? (double)ib : fb;
    return (x > y) - (x < y);
}

int cond_compare(const char *a, const char *op, const char *b, int *result, char *err,
                 size_t err_size)
{
    enum cmp c = parse_op(op);
    *result = 0;
    if (c == CMP_BAD) {
        snprintf(err, err_size, "invalid 'if' operator '%s' (== != < > <= >= in)", op);
        return -1;
    }
    if (c == CMP_IN) {
        *result = strstr(b, a) != NULL;
        return 0;
    }
    long long ia = 0, ib = 0;
    double fa = 0, fb = 0;
    enum value_type ta = value_parse_number(a, &ia, &fa), tb = value_parse_number(b, &ib, &fb);
    if (ta != VAL_STR && tb != VAL_STR) {
        *result = holds(c, numeric_order(ta, ia, fa, tb, ib, fb));
        return 0;
    }
    if ((ta == VAL_STR) != (tb == VAL_STR) && c != CMP_EQ && c != CMP_NE) {
        snprintf(err, err_size, "cannot compare '%.30s' %s '%.30s': a number and a text", a,
                 op, b);
        return -1;
    }
    if (ta != tb) {                 /* a number is never equal to a text */
        *result = c == CMP_NE;
        return 0;
    }
    *result = holds(c, strcmp(a, b));
    return 0;
}
