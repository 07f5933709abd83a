#include "kernel/board.h"

#include <stdlib.h>
#include <string.h>

#include "kernel/files.h"
#include "kernel/sysdata.h"
#include "lib/err.h"
#include "lib/json.h"
#include "lib/str.h"

#define DEFAULT_BOARD "/etc/default.board"

/* The board file is kept as its text, squeezed (about 450 bytes), not as a tree (a node and
 * an allocation per value, about 2.5 KB): after the boot a command or a program reads a table
 * of it now and then (board_get). */
static char *text;
static unsigned loads;

/* The file's text, squeezed; a file that is not JSON is said on msgs. */
static int read_text(const char *path, char **out, stream_t *msgs)
{
    char err[80];
    int r = file_read_json(path, out, err, sizeof err);
    if (r == ERR_CORRUPT)
        stream_printf(msgs, "%s: %s\n", path, err);
    return r;
}

/* The board's name into sysdata. */
static void note_name(void)
{
    struct json *board = board_get("board");
    str_copy(sysdata.board, json_get_str(board, "name", "unknown"), sizeof sysdata.board);
    json_free(board);
}

int board_load(const char *path, stream_t *out)
{
    char *loaded = NULL;
    int r = read_text(path, &loaded, out);
    if (r < 0 && strcmp(path, DEFAULT_BOARD) != 0) {
        stream_printf(out, "Warning: board file %s not loaded (%s), using %s\n", path,
                      err_str(r), DEFAULT_BOARD);
        r = read_text(DEFAULT_BOARD, &loaded, out);
    }
    if (r < 0) {
        stream_printf(out, "Warning: no board file loaded (%s)\n", err_str(r));
        return r;
    }
    free(text);
    text = loaded;
    loads++;
    note_name();
    return 0;
}

struct json *board_get(const char *key)
{
    return json_parse_member(text, key);
}

struct json *board_tree(void)
{
    return text ? json_parse(text, NULL, 0) : NULL;
}

unsigned board_loads(void)
{
    return loads;
}

static int same_pin(const struct json *a, const struct json *b)
{
    if (a->type == JSON_NUMBER && b->type == JSON_NUMBER)
        return a->num == b->num;
    return a->type == JSON_STRING && b->type == JSON_STRING && strcmp(a->str, b->str) == 0;
}

/* A board pin back to its GPIO through the gpio table, which maps each GPIO to the pin:
 * [{"21": "D21"}, ...] (a name per entry) or upyOS's [{"0": 2, "1": 3, ...}] (physical pin
 * numbers, all in one entry). */
static int gpio_of_board_pin(const struct json *pin)
{
    struct json *table = board_get("gpio");
    int gpio = ERR_NOENT;
    for (const struct json *e = table ? table->child : NULL; e && gpio < 0; e = e->next)
        for (const struct json *m = e->child; m && gpio < 0; m = m->next)
            if (same_pin(m, pin))
                gpio = atoi(m->key);
    json_free(table);
    return gpio;
}

/* What a table entry names: a board pin (by name, or by number in the bus tables), or in the
 * LED lists a GPIO number, as upyOS's board files have them. */
static int gpio_of(const struct json *v, int numbers_are_gpios)
{
    if (!v)
        return ERR_NOENT;
    if (v->type == JSON_NUMBER && numbers_are_gpios)
        return (int)v->num;
    if (v->type == JSON_NUMBER || v->type == JSON_STRING)
        return gpio_of_board_pin(v);
    return ERR_NOENT;
}

static const struct json *nth(const struct json *list, int index)
{
    const struct json *e = list ? list->child : NULL;
    while (e && index-- > 0)
        e = e->next;
    return e;
}

/* The index-th member of a list table, counting every member of every entry: upyOS writes
 * [{"d4": 12, "d5": 13}], ours [{"led": 2}, {"led1": 4}]; a bare value counts as one. */
static const struct json *list_member(const struct json *list, int index)
{
    if (list && list->type == JSON_OBJECT)
        return nth(list, index);
    for (const struct json *e = list ? list->child : NULL; e; e = e->next) {
        if (e->type != JSON_OBJECT) {
            if (index-- == 0)
                return e;
            continue;
        }
        for (const struct json *m = e->child; m; m = m->next)
            if (index-- == 0)
                return m;
    }
    return NULL;
}

static int is_led_list(const char *list)
{
    return strcmp(list, "ledio") == 0 || strcmp(list, "rgbio") == 0;
}

int board_list_gpio(const char *list, int index)
{
    struct json *table = board_get(list);
    int gpio = gpio_of(list_member(table, index), is_led_list(list));
    json_free(table);
    return gpio;
}

int board_list_count(const char *list)
{
    struct json *table = board_get(list);
    int n = 0;
    while (list_member(table, n))
        n++;
    json_free(table);
    return n;
}

int board_bus_gpio(const char *bus, int index, const char *role)
{
    struct json *table = board_get(bus);
    int gpio = gpio_of(json_get(nth(table, index), role), 0);
    json_free(table);
    return gpio;
}

int board_has(const char *feature)
{
    struct json *j = board_get(feature);
    int has = j && j->type == JSON_BOOL && j->boolean;
    json_free(j);
    return has;
}
