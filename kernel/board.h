/* The board file (JSON, *.board): what the board has and which MCU GPIO serves each role.
 *   {"board": {"name", "vendor"}, "mcu": [{"arch", "type"}], "wifi": false, ...,
 *    "ledio": [{"led": 2}], "rgbio": [{"rgb": 8}], "gpio": [{"2": "D2"}],
 *    "i2c": [{"sda": "D21", "scl": "D22"}], "adc": [...], ...}
 * Bus tables name board pins (names, or upyOS's physical pin numbers); the gpio table maps
 * GPIO numbers to board pins; the LED lists hold GPIO numbers (or pin names). */
#ifndef KERNEL_BOARD_H
#define KERNEL_BOARD_H

#include "kernel/stream.h"

struct json;

/* Loads path, falling back to /etc/default.board with a warning on out. */
int board_load(const char *path, stream_t *out);
/* A tree of the board file's member key (NULL when it has none, or no board file is loaded);
 * the caller frees it with json_free. */
struct json *board_get(const char *key);
/* A tree of the whole board file, or NULL; the caller frees it. */
struct json *board_tree(void);
/* How many board files were loaded: a reader that keeps what it read asks again when this
 * changed (loadboard). The board's name is sysdata.board. */
unsigned board_loads(void);
/* GPIO of the index-th member of a list such as "ledio", "rgbio" or "adc", counting every
 * member of every entry; negative ERR_NOENT when there is none. */
int board_list_gpio(const char *list, int index);
/* How many members the list has (LEDs in "ledio", channels in "adc"). */
int board_list_count(const char *list);
/* GPIO serving role in the index-th entry of bus table (e.g. "i2c", 0, "sda"). */
int board_bus_gpio(const char *bus, int index, const char *role);
/* 1 when the board declares the feature ("wifi", "temp", ...). */
int board_has(const char *feature);

#endif
