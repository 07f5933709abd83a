/* jq FILE|VAR [.path]: pretty-print JSON from a file or an environment variable, or the part
 * that .path selects (.board.name, .gpio[2]). */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "kernel/command.h"
#include "kernel/env.h"
#include "lib/err.h"
#include "lib/json.h"

static void emit(void *ctx, const char *s, size_t n)
{
    stream_write(ctx, s, n);
}

/* The JSON text of a file, or else of a variable. NULL (and a message) when neither. */
static char *source_text(const struct cmd_ctx *ctx, const char *arg)
{
    proc_t *p = ctx->p;
    char abs[VFS_PATH_MAX], *text = NULL;
    size_t len;
    if (vfs_resolve(p->cwd, arg, abs, sizeof abs) == 0 && file_read_all(abs, &text, &len) == 0)
        return text;
    struct value v;
    if (env_valid_name(arg) && env_get(arg, &v) == 0) {
        char small[1];
        int n = value_format(&v, small, sizeof small);
        text = malloc((size_t)n + 1);
        if (text)
            value_format(&v, text, (size_t)n + 1);
        value_free(&v);
        return text;
    }
    cmd_error(ctx, "%s: no such file or variable", arg);
    return NULL;
}

/* Follows .key and [index] steps; NULL when a step does not exist. */
static const struct json *select_path(const struct json *j, const char *path)
{
    while (j && *path) {
        if (*path == '.' && path[1] != '[') {
            const char *start = ++path;
            while (*path && *path != '.' && *path != '[')
                path++;
            if (path == start)
                continue;
            char key[64];
            size_t n = (size_t)(path - start) < sizeof key ? (size_t)(path - start) : sizeof key - 1;
            memcpy(key, start, n);
            key[n] = '\0';
            j = j->type == JSON_OBJECT ? json_get(j, key) : NULL;
        } else if (*path == '[' || (*path == '.' && path[1] == '[')) {
            path += *path == '.' ? 2 : 1;
            char *end;
            long i = strtol(path, &end, 10);
            if (*end != ']' || j->type != JSON_ARRAY)
                return NULL;
            path = end + 1;
            for (j = j->child; j && i-- > 0; j = j->next) {
            }
        } else {
            return NULL;
        }
    }
    return j;
}

static struct value value_of(const struct json *j)
{
    switch (j->type) {
    case JSON_STRING: return value_str(j->str);
    case JSON_BOOL: return value_bool(j->boolean);
    case JSON_NUMBER:
        return j->num == (double)(long long)j->num ? value_int((long long)j->num)
                                                   : value_float(j->num);
    default: return (struct value){ VAL_NONE, { 0 } };
    }
}

COMMAND(jq, "jq FILE|VAR [.PATH]", "pretty-print JSON from a file or a variable; .PATH selects "
                                   "a part (.board.name, .list[0])",
        RAW_ARGS, 1, 2, .missing = "missing FILE or VAR")
{
    char *text = source_text(ctx, argv[1]), err[80];
    if (!text)
        return 1;
    struct json *root = json_parse(text, err, sizeof err);
    free(text);
    if (!root)
        return cmd_error(ctx, "%s: %s", argv[1], err);
    const struct json *j = argc == 3 ? select_path(root, argv[2]) : root;
    if (!j) {
        json_free(root);
        return cmd_error(ctx, "%s: no such path", argv[2]);
    }
    if (j->type == JSON_STRING)
        proc_printf(p, "%s\n", j->str);
    else {
        json_write(j, 4, emit, p->out);
        proc_puts(p, "\n");
    }
    proc_set_result(p, value_of(j));
    json_free(root);
    return 0;
}
