/* The command registry: what command_run checks and parses before a handler runs, and that
 * every declaration in the table agrees with its own usage line. */
#include <ctype.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <string.h>

#include <cmocka.h>

#include "kernel/command.h"
#include "kernel/env.h"

/* What the last handler saw. */
static struct {
    int ran, argc;
    long long flags;
    char words[4][16];
} seen;

static int remember(const struct cmd_ctx *ctx, int argc, char **argv)
{
    seen.ran = 1;
    seen.argc = argc;
    seen.flags = ctx->flags;
    for (int i = 0; i < argc && i < 4; i++)
        strncpy(seen.words[i], argv[i], sizeof seen.words[i] - 1);
    return 0;
}

COMMAND(t_opts, "t_opts [-ab] SRC [DST]\nt_opts -x", "parses a and b", "ab", 1, 2)
{
    return remember(ctx, argc, argv);
}

COMMAND(t_raw, "t_raw [WORD...]", "takes words as typed", RAW_ARGS, 0, MANY)
{
    return remember(ctx, argc, argv);
}

COMMAND(t_missing, "t_missing NAME", "says what is missing", RAW_ARGS, 1, 1,
        .missing = "missing NAME")
{
    return cmd_error(ctx, "%s: failed", argv[1]);
}

static proc_t *p;
static stream_t *out, *err;

static int setup(void **state)
{
    static int once;
    if (!once) {
        proc_init();
        env_init();
        once = 1;
    }
    p = proc_new("test", NULL);
    out = stream_capture(4096);
    err = stream_capture(4096);
    proc_set_streams(p, NULL, stream_ref(out), stream_ref(err));
    memset(&seen, 0, sizeof seen);
    return 0;
}

static int teardown(void **state)
{
    proc_end(p);
    stream_unref(out);
    stream_unref(err);
    return 0;
}

/* Runs the words (at most 8) as the command c; the status. */
static int run(const struct command *c, const char *line)
{
    char copy[128], *argv[9];
    int argc = 0;
    strncpy(copy, line, sizeof copy - 1);
    copy[sizeof copy - 1] = '\0';
    for (char *w = strtok(copy, " "); w && argc < 8; w = strtok(NULL, " "))
        argv[argc++] = w;
    argv[argc] = NULL;
    return command_run(c, p, argc, argv);
}

static const char *text(stream_t *s)
{
    size_t len;
    return stream_capture_text(s, &len);
}

static void options_anywhere_are_taken_out_of_the_operands(void **state)
{
    assert_int_equal(run(&command_def_t_opts, "t_opts one -b two -a"), 0);
    assert_true(seen.ran);
    assert_int_equal(seen.argc, 3);
    assert_string_equal(seen.words[1], "one");
    assert_string_equal(seen.words[2], "two");
    assert_true(seen.flags == (FLAG('a') | FLAG('b')));
    assert_string_equal(text(err), "");
}

static void negative_numbers_and_words_after_double_dash_are_operands(void **state)
{
    assert_int_equal(run(&command_def_t_opts, "t_opts -5 -- -a"), 0);
    assert_int_equal(seen.argc, 3);
    assert_string_equal(seen.words[1], "-5");
    assert_string_equal(seen.words[2], "-a");
    assert_true(seen.flags == 0);
}

static void an_unknown_option_is_status_2_and_the_handler_does_not_run(void **state)
{
    assert_int_equal(run(&command_def_t_opts, "t_opts one -az"), 2);
    assert_false(seen.ran);
    assert_string_equal(text(err), "t_opts: unknown option -z (try t_opts --help)\n");
}

static void too_many_operands_are_refused(void **state)
{
    assert_int_equal(run(&command_def_t_opts, "t_opts a b -a c"), 1);
    assert_false(seen.ran);
    assert_string_equal(text(err), "t_opts: too many arguments\n");
}

static void a_missing_operand_shows_the_synopsis_or_what_the_declaration_says(void **state)
{
    assert_int_equal(run(&command_def_t_opts, "t_opts -a"), 1);
    assert_false(seen.ran);
    assert_string_equal(text(err), "t_opts: usage: t_opts [-ab] SRC [DST]\n");
    assert_int_equal(run(&command_def_t_missing, "t_missing"), 1);
    assert_string_equal(text(err), "t_opts: usage: t_opts [-ab] SRC [DST]\n"
                                   "t_missing: missing NAME\n");
}

static void raw_words_reach_the_handler_as_typed(void **state)
{
    assert_int_equal(run(&command_def_t_raw, "t_raw -x -5 --"), 0);
    assert_int_equal(seen.argc, 4);
    assert_string_equal(seen.words[1], "-x");
    assert_string_equal(seen.words[2], "-5");
    assert_string_equal(seen.words[3], "--");
}

static void help_is_answered_from_the_declaration(void **state)
{
    assert_int_equal(run(&command_def_t_opts, "t_opts --help"), 0);
    assert_false(seen.ran);
    assert_string_equal(text(out), "Usage: t_opts [-ab] SRC [DST]\nt_opts -x\nparses a and b\n");
}

static void errors_carry_the_registered_name_whatever_word_ran_it(void **state)
{
    assert_int_equal(run(&command_def_t_missing, "alias x"), 1);
    assert_string_equal(text(err), "t_missing: x: failed\n");
}

/* Each option letter in the usage as "-x" or in a group like "[-lhasnkd]". */
static int usage_mentions_option(const char *usage, char letter)
{
    for (const char *u = usage; (u = strchr(u, '-')); u++) {
        if (u > usage && !strchr(" [|\n", u[-1]))
            continue;
        for (const char *l = u + 1; isalpha((unsigned char)*l); l++)
            if (*l == letter)
                return 1;
    }
    return 0;
}

static void every_declaration_agrees_with_its_usage(void **state)
{
    for (int i = 0; i < command_count; i++) {
        const struct command *c = command_table[i];
        size_t n = strlen(c->name);
        assert_true(strncmp(c->usage, c->name, n) == 0);
        assert_true(c->usage[n] == '\0' || c->usage[n] == ' ' || c->usage[n] == '\n');
        assert_true(c->min_args >= 0 && c->min_args <= c->max_args);
        for (const char *f = c->flags ? c->flags : ""; *f; f++)
            if (!usage_mentions_option(c->usage, *f))
                fail_msg("%s: option -%c is parsed but not in the usage", c->name, *f);
        if (i > 0)
            assert_true(strcmp(command_table[i - 1]->name, c->name) < 0);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test_setup_teardown(options_anywhere_are_taken_out_of_the_operands, setup,
                                        teardown),
        cmocka_unit_test_setup_teardown(negative_numbers_and_words_after_double_dash_are_operands,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(an_unknown_option_is_status_2_and_the_handler_does_not_run,
                                        setup, teardown),
        cmocka_unit_test_setup_teardown(too_many_operands_are_refused, setup, teardown),
        cmocka_unit_test_setup_teardown(
            a_missing_operand_shows_the_synopsis_or_what_the_declaration_says, setup, teardown),
        cmocka_unit_test_setup_teardown(raw_words_reach_the_handler_as_typed, setup, teardown),
        cmocka_unit_test_setup_teardown(help_is_answered_from_the_declaration, setup, teardown),
        cmocka_unit_test_setup_teardown(errors_carry_the_registered_name_whatever_word_ran_it,
                                        setup, teardown),
        cmocka_unit_test(every_declaration_agrees_with_its_usage),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
