/* shell/lexer.c: cutting lines into commands and commands into words; shell/cond.c. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "lib/err.h"
#include "lib/str.h"
#include "shell/cond.h"
#include "shell/lexer.h"

static int segments_of(const char *line, char ***out)
{
    char err[64];
    return lex_segments(line, out, err, sizeof err);
}

static void semicolons_split_outside_quotes(void **state)
{
    char **s;
    int n = segments_of("echo a; echo \"b;c\" ; echo 'd;e';echo f\\;g", &s);
    assert_int_equal(n, 4);
    assert_string_equal(s[0], "echo a");
    assert_string_equal(s[1], "echo \"b;c\"");
    assert_string_equal(s[2], "echo 'd;e'");
    assert_string_equal(s[3], "echo f\\;g");
    lex_free_segments(s, n);
}

static void comments_are_dropped_but_not_in_quotes(void **state)
{
    char **s;
    assert_int_equal(segments_of("   # a whole-line comment", &s), 0);
    int n = segments_of("echo \"a # b\" 'c #' d#e # trailing; echo no", &s);
    assert_int_equal(n, 1);
    assert_string_equal(s[0], "echo \"a # b\" 'c #' d#e");
    lex_free_segments(s, n);
    assert_int_equal(segments_of(" ;; ", &s), 0);
}

static void unterminated_quotes_are_errors(void **state)
{
    char **s, err[64];
    assert_int_equal(lex_segments("echo \"abc", &s, err, sizeof err), ERR_INVAL);
    assert_string_equal(err, "unterminated quote");
    struct lex_words w;
    assert_true(lex_words("echo 'abc", NULL, NULL, &w, err, sizeof err) < 0);
    assert_string_equal(err, "unterminated quote");
}

/* Variables for the tests: a=1, spaced=" two  words ", long=<600 x>, $1=one, $?=3. */
static void fake_expand(void *ctx, const char *name, struct strbuf *out)
{
    if (strcmp(name, "a") == 0)
        strbuf_adds(out, "1");
    else if (strcmp(name, "long") == 0)
        for (int i = 0; i < 600; i++)
            strbuf_addc(out, 'x');
    else if (strcmp(name, "1") == 0)
        strbuf_adds(out, "one");
    else if (strcmp(name, "spaced") == 0)
        strbuf_adds(out, " two  words ");
    else if (strcmp(name, "?") == 0)
        strbuf_adds(out, "3");
}

static struct lex_words w;

static int words(const char *command)
{
    char err[64];
    return lex_words(command, fake_expand, NULL, &w, err, sizeof err);
}

static void quotes_group_and_expand(void **state)
{
    assert_int_equal(words("echo $a \"$a-${a}x\" '$a' \\$a $1$? $ \"\" ''"), 9);
    assert_string_equal(w.word[1].text, "1");
    assert_string_equal(w.word[2].text, "1-1x");
    assert_string_equal(w.word[3].text, "$a");
    assert_string_equal(w.word[4].text, "$a");
    assert_string_equal(w.word[5].text, "one3");
    assert_string_equal(w.word[6].text, "$");
    assert_string_equal(w.word[7].text, "");           /* "" stays a word */
    assert_true(w.word[7].quoted);
    assert_string_equal(w.word[8].text, "");
    lex_free_words(&w);
}

static void unset_variables_vanish_and_long_ones_stay_whole(void **state)
{
    assert_int_equal(words("echo $nothing x"), 2);
    lex_free_words(&w);
    assert_int_equal(words("echo \"$nothing\" x$nothing"), 3);
    assert_string_equal(w.word[1].text, "");
    lex_free_words(&w);
    assert_int_equal(words("echo $spaced \"$spaced\""), 4);
    assert_string_equal(w.word[1].text, "two");
    assert_string_equal(w.word[2].text, "words");
    assert_string_equal(w.word[3].text, " two  words ");
    lex_free_words(&w);
    assert_int_equal(words("echo \"$long\""), 2);
    assert_int_equal(strlen(w.word[1].text), 600);
    lex_free_words(&w);
}

static void operators_are_only_unquoted(void **state)
{
    assert_int_equal(words("echo a \">\" b > c"), 6);
    assert_true(w.word[2].quoted);
    assert_false(w.word[4].quoted);
    lex_free_words(&w);
    assert_int_equal(words("echo \"a\\\"b\\\\c\\$d\""), 2);
    assert_string_equal(w.word[1].text, "a\"b\\c$d");
    lex_free_words(&w);
}

static void too_many_words_is_an_error(void **state)
{
    char line[LEX_MAX_WORDS * 2 + 8] = "";
    for (int i = 0; i <= LEX_MAX_WORDS; i++)
        strcat(line, "x ");
    assert_true(words(line) < 0);
}

static void conditions_compare_numbers_and_text(void **state)
{
    int r;
    char err[96];
    assert_int_equal(cond_compare("10", "<", "9.5", &r, err, sizeof err), 0);
    assert_false(r);
    assert_int_equal(cond_compare("10", ">", "9", &r, err, sizeof err), 0);
    assert_true(r);
    assert_int_equal(cond_compare("abc", "<", "abd", &r, err, sizeof err), 0);
    assert_true(r);
    assert_int_equal(cond_compare("5", "==", "5.0", &r, err, sizeof err), 0);
    assert_true(r);
    assert_int_equal(cond_compare("5", "==", "five", &r, err, sizeof err), 0);
    assert_false(r);
    assert_int_equal(cond_compare("5", "!=", "five", &r, err, sizeof err), 0);
    assert_true(r);
    assert_int_equal(cond_compare("ell", "in", "hello", &r, err, sizeof err), 0);
    assert_true(r);
    assert_int_equal(cond_compare("3", "<", "abc", &r, err, sizeof err), -1);
    assert_string_equal(err, "cannot compare '3' < 'abc': a number and a text");
    assert_int_equal(cond_compare("3", "=~", "abc", &r, err, sizeof err), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(semicolons_split_outside_quotes),
        cmocka_unit_test(comments_are_dropped_but_not_in_quotes),
        cmocka_unit_test(unterminated_quotes_are_errors),
        cmocka_unit_test(quotes_group_and_expand),
        cmocka_unit_test(unset_variables_vanish_and_long_ones_stay_whole),
        cmocka_unit_test(operators_are_only_unquoted),
        cmocka_unit_test(too_many_words_is_an_error),
        cmocka_unit_test(conditions_compare_numbers_and_text),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
