/* shell/builtin.c: the shell's builtins beside the command table, as help, Tab and the command
 * reference list them; term/complete.c offering them. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "kernel/command.h"
#include "lib/err.h"
#include "shell/builtin.h"
#include "term/complete.h"

struct names {
    const char *name[256];
    int count;
};

static void collect(void *ctx, const char *name, const char *usage, const char *help)
{
    struct names *n = ctx;
    assert_true(n->count < 256);
    assert_non_null(usage);
    assert_non_null(help);
    n->name[n->count++] = name;
}

static void every_name_once_in_sorted_order(void **state)
{
    struct names n = { { NULL }, 0 };
    shell_each_name(collect, &n);
    assert_int_equal(n.count, command_count + shell_builtin_count);
    for (int i = 1; i < n.count; i++)
        assert_true(strcmp(n.name[i - 1], n.name[i]) < 0);
    static const char *const flow[] = { "goto", "if", "return", "run", "skip" };
    for (size_t k = 0; k < sizeof flow / sizeof flow[0]; k++) {
        int listed = 0;
        for (int i = 0; i < n.count; i++)
            listed += strcmp(n.name[i], flow[k]) == 0;
        assert_int_equal(listed, 1);
        assert_non_null(shell_builtin_find(flow[k]));
        assert_null(command_find(flow[k]));    /* the shell's, not a command */
    }
}

static void if_declares_its_operator_an_operand(void **state)
{
    assert_int_equal(shell_builtin_find("if")->operand_word, 2);
    assert_int_equal(shell_builtin_find("goto")->operand_word, 0);
    assert_null(shell_builtin_find("ls"));
}

static void usage_of_a_builtin_a_command_and_nothing(void **state)
{
    stream_t *out = stream_capture(4096);
    size_t len;
    assert_int_equal(shell_print_usage("skip", out), 0);
    assert_string_equal(stream_capture_text(out, &len),
                        "Usage: skip N\nskip the next N lines of the script\n");
    stream_unref(out);
    out = stream_capture(4096);
    assert_int_equal(shell_print_usage("echo", out), 0);
    assert_true(strncmp(stream_capture_text(out, &len), "Usage: echo", 11) == 0);
    assert_int_equal(shell_print_usage("nope", out), ERR_NOENT);
    stream_unref(out);
}

static void tab_offers_builtins_among_commands_in_order(void **state)
{
    struct completion c;
    complete_find("g", 1, shell_each_name, &c);
    assert_int_equal(c.count, 3);
    assert_string_equal(c.match[0], "goto ");
    assert_string_equal(c.match[1], "gpio ");
    assert_string_equal(c.match[2], "grep ");
    complete_free(&c);
    complete_find("echo x; ru", 10, shell_each_name, &c);
    assert_int_equal(c.count, 1);
    assert_string_equal(c.match[0], "run ");
    complete_free(&c);
    complete_find("ru", 2, NULL, &c);      /* without the shell: the command table only */
    assert_int_equal(c.count, 0);
    complete_free(&c);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_name_once_in_sorted_order),
        cmocka_unit_test(if_declares_its_operator_an_operand),
        cmocka_unit_test(usage_of_a_builtin_a_command_and_nothing),
        cmocka_unit_test(tab_offers_builtins_among_commands_in_order),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
