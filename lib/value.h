/* A typed value: what environment variables hold, what expressions compute and what a
 * command stores when its output is redirected to a variable. */
#ifndef LIB_VALUE_H
#define LIB_VALUE_H

#include <stddef.h>

enum value_type { VAL_NONE = 0, VAL_STR, VAL_INT, VAL_FLOAT, VAL_BOOL };

struct value {
    enum value_type type;
    union {
        char *s;           /* VAL_STR: owned, NUL-terminated */
        long long i;
        double f;
        int b;
    } u;
};

struct value value_str(const char *s);       /* copies s; VAL_NONE when out of memory */
struct value value_int(long long i);
struct value value_float(double f);
struct value value_bool(int b);
struct value value_copy(const struct value *v);
void value_free(struct value *v);

/* Text form as upyOS prints it: str as is, 3, 2.5, True/False. Returns the length that the
 * full text needs (like snprintf). */
int value_format(const struct value *v, char *buf, size_t size);
const char *value_type_name(enum value_type t);

/* Parses a word as a number when it looks like one: int, or float when it holds a '.'.
 * Returns the type found (VAL_INT, VAL_FLOAT) or VAL_STR when it is not a number. */
enum value_type value_parse_number(const char *word, long long *i, double *f);

#endif
