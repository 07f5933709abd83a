/* Calendar arithmetic without the C library's time zone machinery (which MCU libcs lack or
 * implement with a heap): civil date and time -> Unix seconds (lib/civil.h goes the other
 * way), and upyOS's formats. */
#ifndef LIB_TIMEFMT_H
#define LIB_TIMEFMT_H

#include <stddef.h>
#include <stdint.h>

#include "lib/civil.h"

int64_t time_join(const struct civil *c);
/* 1 when the fields name a real date and time. */
int time_valid(const struct civil *c);

/* "Www DD/Mon/YYYY HH:MM:SS", as upyOS's date prints it. */
void time_format_date(int64_t t, char *buf, size_t size);
/* Parses "YYYY-MM-DD HH:MM[:SS]", "YYYY/MM/DD HH:MM[:SS]" or "HH:MM[:SS]" (today, base's
 * date). Returns 0 or ERR_INVAL. */
int time_parse(const char *text, int64_t base, int64_t *out);

#endif
