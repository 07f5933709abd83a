#include "kernel/board.h"

#include <stdlib.h>
#include <string.h>

#include "fs/vfs.h"
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
    int r = vfs_read_all(path, &text, &len);
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

/* Board pin name (e.g. "D21") back to its GPIO through the gpio table. */
static int gpio_of_board_pin(const char *pin)
{
    const struct json *table = json_get(root, "gpio");
    for (const struct json *e = table ? table->child : NULL; e; e = e->next)
        for (const struct json *m = e->child; m; m = m->next)
            if (m->type == JSON_STRING && strcmp(m->str, pin) == 0)
                return atoi(m->key);
    return ERR_NOENT;
}

static int gpio_of(const struct json *v)
{
    if (!v)
        return ERR_NOENT;
    if (v->type == JSON_NUMBER)
        return (int)v->num;
    if (v->type == JSON_STRING)
        return gpio_of_board_pin(v->str);
    return ERR_NOENT;
}

static const struct json *nth(const struct json *list, int index)
{
    const struct json *e = list ? list->child : NULL;
    while (e && index-- > 0)
        e = e->next;
    return e;
}

int board_list_gpio(const char *list, int index)
{
    const struct json *e = nth(json_get(root, list), index);
    return gpio_of(e ? e->child : NULL);
}

int board_bus_gpio(const char *bus, int index, const char *role)
{
    return gpio_of(json_get(nth(json_get(root, bus), index), role));
}

int board_has(const char *feature)
{
    const struct json *j = json_get(root, feature);
    return j && j->type == JSON_BOOL && j->boolean;
}
