#include "kernel/board.h"

#include <stdlib.h>
#include <string.h>

#include "kernel/files.h"
#include "kernel/sysdata.h"
#include "lib/err.h"
#include "lib/json.h"
#include "lib/str.h"

#define DEFAULT_BOARD "/etc/default.board"

static struct json *root;

static int parse_file(const char *path, struct json **out, stream_t *msgs)
{
    char *text, err[80];
    size_t len;
    int r = file_read_all(path, &text, &len);
    if (r < 0)
        return r;
    *out = json_parse(text, err, sizeof err);
    free(text);
    if (!*out) {
        stream_printf(msgs, "%s: %s\n", path, err);
        return ERR_CORRUPT;
    }
    return 0;
}

int board_load(const char *path, stream_t *out)
{
    struct json *loaded = NULL;
    int r = parse_file(path, &loaded, out);
    if (r < 0 && strcmp(path, DEFAULT_BOARD) != 0) {
        stream_printf(out, "Warning: board file %s not loaded (%s), using %s\n", path,
                      err_str(r), DEFAULT_BOARD);
        r = parse_file(DEFAULT_BOARD, &loaded, out);
    }
    if (r < 0) {
        stream_printf(out, "Warning: no board file loaded (%s)\n", err_str(r));
        return r;
    }
    json_free(root);
    root = loaded;
    str_copy(sysdata.board, board_name(), sizeof sysdata.board);
    return 0;
}

const struct json *board_root(void)
{
    return root;
}

const char *board_name(void)
{
    return json_get_str(json_get(root, "board"), "name", "unknown");
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
    const struct json *table = json_get(root, "gpio");
    for (const struct json *e = table ? table->child : NULL; e; e = e->next)
        for (const struct json *m = e->child; m; m = m->next)
            if (same_pin(m, pin))
                return atoi(m->key);
    return ERR_NOENT;
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
    return gpio_of(list_member(json_get(root, list), index), is_led_list(list));
}

int board_list_count(const char *list)
{
    int n = 0;
    while (list_member(json_get(root, list), n))
        n++;
    return n;
}

int board_bus_gpio(const char *bus, int index, const char *role)
{
    return gpio_of(json_get(nth(json_get(root, bus), index), role), 0);
}

int board_has(const char *feature)
{
    const struct json *j = json_get(root, feature);
    return j && j->type == JSON_BOOL && j->boolean;
}
