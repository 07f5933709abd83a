/* libFuzzer target: the expression language. The input is evaluated as an expression and
 * run as statements; variables it sets are removed again so that runs stay independent. */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "kernel/env.h"
#include "kernel/sysdata.h"
#include "lib/value.h"
#include "shell/expr.h"

static char names[64][64];
static int name_count;

static void collect(const char *name, const struct value *v, void *ctx)
{
    if (name_count < 64)
        strncpy(names[name_count++], name, 63);
}

static void clear_env(void)
{
    name_count = 0;
    env_each(collect, NULL);
    for (int i = 0; i < name_count; i++)
        env_unset(names[i]);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int ready;
    if (!ready) {
        env_init();
        sysdata_init();
        ready = 1;
    }
    if (size > 4096)
        return 0;                    /* the shell refuses lines this long before */
    char *src = malloc(size + 1), err[160];
    if (!src)
        return 0;
    memcpy(src, data, size);
    src[size] = '\0';
    struct value v = value_int(7);
    env_set("x", &v);
    v = value_str("hello");
    env_set("s", &v);
    value_free(&v);
    if (expr_eval(NULL, src, &v, err, sizeof err) == 0)
        value_free(&v);
    expr_exec(NULL, src, err, sizeof err);
    clear_env();
    free(src);
    return 0;
}
