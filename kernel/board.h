/* The board file (JSON, *.board): what the board has and which MCU GPIO serves each role.
 *   {"board": {"name", "vendor"}, "mcu": [{"arch", "type"}], "wifi": false, ...,
 *    "ledio": [{"led": 2}], "rgbio": [{"rgb": 8}], "gpio": [{"2": "D2"}],
 *    "i2c": [{"sda": "D21", "scl": "D22"}], "adc": [...], ...}
 * Bus tables name board pins; the gpio table maps GPIO numbers to board pins. */
#ifndef KERNEL_BOARD_H
#define KERNEL_BOARD_H

#include "kernel/stream.h"

struct json;

/* Loads path, falling back to /etc/default.board with a warning on out. */
int board_load(const char *path, stream_t *out);
const struct json *board_root(void);
const char *board_name(void);
/* GPIO of the index-th entry of a list such as "ledio" or "rgbio" (its first member's value);
 * negative ERR_NOENT when there is none. */
int board_list_gpio(const char *list, int index);
/* GPIO serving role in the index-th entry of bus table (e.g. "i2c", 0, "sda"). */
int board_bus_gpio(const char *bus, int index, const char *role);
/* 1 when the board declares the feature ("wifi", "temp", ...). */
int board_has(const char *feature);

#endif
