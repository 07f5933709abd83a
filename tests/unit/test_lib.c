/* lib/: JSON, typed values, strings. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "lib/err.h"
#include "lib/json.h"
#include "lib/str.h"
#include "lib/timefmt.h"
#include "lib/value.h"

static void json_round_trip(void **state)
{
    char err[80];
    struct json *j = json_parse("{\"a\": [1, 2.5, true, null], \"s\": \"x\\n\\u00e9\"}", err,
                                sizeof err);
    assert_non_null(j);
    assert_int_equal(json_count(json_get(j, "a")), 4);
    assert_string_equal(json_get_str(j, "s", ""), "x\n\xc3\xa9");
    char *text = json_to_string(j, 0);
    assert_string_equal(text, "{\"a\":[1, 2.5, true, null], \"s\":\"x\\n\xc3\xa9\"}");
    free(text);
    json_free(j);
}

static void json_errors_say_where(void **state)
{
    char err[80];
    assert_null(json_parse("{\"a\": }", err, sizeof err));
    assert_string_equal(err, "unexpected character at offset 6");
    assert_null(json_parse("[1, 2", err, sizeof err));
    assert_null(json_parse("\"open", err, sizeof err));
    assert_null(json_parse("{} x", err, sizeof err));
    assert_string_equal(err, "trailing characters at offset 3");
}

static void json_refuses_deep_nesting(void **state)
{
    char text[200], err[80];
    memset(text, '[', 100);
    text[100] = '\0';
    assert_null(json_parse(text, err, sizeof err));
    assert_non_null(strstr(err, "nested too deeply"));
}

static void json_add_replaces_members(void **state)
{
    struct json *o = json_new(JSON_OBJECT);
    json_add(o, "k", json_new_num(1));
    json_add(o, "k", json_new_str("two"));
    assert_int_equal(json_count(o), 1);
    assert_string_equal(json_get_str(o, "k", ""), "two");
    json_free(o);
}

/* A text kept instead of a tree: checked as json_parse would, squeezed, and read a member at
 * a time. */
static void json_text_is_read_a_member_at_a_time(void **state)
{
    char err[80];
    char text[] = "{ \"a\" : [1, {\"x\": \"y z\"}],\n \"b\\u0020c\": true, \"n\": -2.5e1,"
                  " \"s\": \"q\\\" }\" }";
    assert_int_equal(json_check(text, err, sizeof err), 0);
    size_t n_squeezed = json_squeeze(text);
    assert_int_equal(n_squeezed, strlen(text));
    assert_string_equal(text, "{\"a\":[1,{\"x\":\"y z\"}],\"b\\u0020c\":true,\"n\":-2.5e1,"
                              "\"s\":\"q\\\" }\"}");
    char backslash_last[] = "{ \"p\" : \"c:\\\\\" ,\t\"q\" : [ 1 ] }";   /* "c:\\" ends the string */
    json_squeeze(backslash_last);
    assert_string_equal(backslash_last, "{\"p\":\"c:\\\\\",\"q\":[1]}");
    struct json *a = json_parse_member(text, "a");
    assert_int_equal(json_count(a), 2);
    assert_string_equal(json_get_str(a->child->next, "x", ""), "y z");
    json_free(a);
    struct json *b = json_parse_member(text, "b c");        /* the name decoded */
    assert_true(b && b->type == JSON_BOOL && b->boolean);
    json_free(b);
    struct json *n = json_parse_member(text, "n");
    assert_true(n && n->type == JSON_NUMBER && n->num == -25);
    json_free(n);
    struct json *s = json_parse_member(text, "s");
    assert_string_equal(s->str, "q\" }");
    json_free(s);
    assert_null(json_parse_member(text, "x"));
    /* an escaped quote is not the end of a name: `"la\"b\\"` is not the member `la\` */
    struct json *e = json_parse_member("{\"la\\\"b\\\\\":1,\"la\\\\\":2}", "la\\");
    assert_true(e && e->type == JSON_NUMBER && e->num == 2);
    json_free(e);
    assert_null(json_parse_member("[1]", "a"));
    assert_null(json_parse_member(NULL, "a"));
    assert_int_equal(json_check("{\"a\": }", err, sizeof err), -1);
    assert_string_equal(err, "unexpected character at offset 6");
    assert_int_equal(json_check("{\"a\": \"\\q\"}", err, sizeof err), -1);
    assert_string_equal(err, "bad escape in string at offset 9");
    assert_int_equal(json_check("{} x", NULL, 0), -1);
}

/* A squeezed text laid out without a tree reads exactly as its tree written with the same
 * indent: nesting, empty containers, separators inside strings, escapes. */
static void a_text_is_indented_as_its_tree_would_be(void **state)
{
    char text[] = "{ \"ver\": \"1.0\", \"pfiles\": [\"/etc/system.conf\", \"a,b:c\"],"
                  " \"auth\": {\"user\": \"\", \"q\": \"x\\\"}\"}, \"e\": {}, \"l\": [],"
                  " \"env\": {\"TZ\": 0, \"ok\": true, \"n\": null, \"d\": [[1, 2], {\"k\": -3}]}}";
    struct json *tree = json_parse(text, NULL, 0);
    assert_non_null(tree);
    char *want = json_to_string(tree, 4);
    json_squeeze(text);
    char *got = json_text_indented(text, 4);
    assert_string_equal(got, want);
    free(got);
    free(want);
    json_free(tree);
}

static void values_format_like_upyos(void **state)
{
    char buf[32];
    struct value v = value_float(2.5);
    value_format(&v, buf, sizeof buf);
    assert_string_equal(buf, "2.5");
    v = value_float(3);
    value_format(&v, buf, sizeof buf);
    assert_string_equal(buf, "3.0");
    v = value_bool(1);
    value_format(&v, buf, sizeof buf);
    assert_string_equal(buf, "True");
    v = value_float(0.1);
    value_format(&v, buf, sizeof buf);
    assert_string_equal(buf, "0.1");
}

static void numbers_are_recognised(void **state)
{
    long long i;
    double f;
    assert_int_equal(value_parse_number("42", &i, &f), VAL_INT);
    assert_int_equal(i, 42);
    assert_int_equal(value_parse_number("-3.5", &i, &f), VAL_FLOAT);
    assert_true(f == -3.5);
    assert_int_equal(value_parse_number("4a", &i, &f), VAL_STR);
    assert_int_equal(value_parse_number("", &i, &f), VAL_STR);
    assert_int_equal(value_parse_number("99999999999999999999", &i, &f), VAL_STR);
}

static void strings(void **state)
{
    char buf[8];
    assert_int_equal(str_copy(buf, "abcdefghij", sizeof buf), 10);
    assert_string_equal(buf, "abcdefg");
    str_human_size(1536, buf, sizeof buf);
    assert_string_equal(buf, "1.5K");
    assert_non_null(str_casestr("Hello World", "WORLD"));
    assert_null(str_casestr("Hello", "xyz"));
}

/* The text printf's "%.1f" of the size in its unit gave: a tie to even, a carry into the
 * whole number, the unit chosen before rounding. */
static void human_sizes(void **state)
{
    static const struct { unsigned long long bytes; const char *text; } cases[] = {
        { 0, "0" }, { 1023, "1023" }, { 1024, "1.0K" }, { 1075, "1.0K" }, { 1076, "1.1K" },
        { 1280, "1.2K" }, { 1792, "1.8K" }, { 2047, "2.0K" }, { 9856, "9.6K" },
        { 1048575, "1024.0K" }, { 1048576, "1.0M" }, { 3407872, "3.2M" },
        { 1073741824ULL * 5 / 2, "2.5G" }, { 1099511627776ULL * 2048, "2048.0T" },
    };
    char buf[16];
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        str_human_size(cases[i].bytes, buf, sizeof buf);
        assert_string_equal(buf, cases[i].text);
    }
}

static void scanning_ints(void **state)
{
    const char *s = " -42,7";
    int v = 0;
    assert_int_equal(str_scan_int(&s, &v), 1);
    assert_int_equal(v, -42);
    assert_string_equal(s, ",7");
    assert_int_equal(str_scan_int(&s, &v), 0);       /* ',' is no number: nothing moves */
    assert_string_equal(s, ",7");
    assert_int_equal(v, -42);
}

/* date's argument: "Y-M-D H:M[:S]" (or Y/M/D), or a clock alone on the base's day. */
static void times_parse(void **state)
{
    const int64_t day = 1704153600;                   /* 2024-01-02 00:00:00 */
    int64_t t = 0;
    assert_int_equal(time_parse("2024-02-29 12:34:56", day, &t), 0);
    assert_int_equal(t, 1709210096);
    assert_int_equal(time_parse("2024/02/29  12:34", day, &t), 0);
    assert_int_equal(t, 1709210040);
    assert_int_equal(time_parse("07:05", day, &t), 0);
    assert_int_equal(t, 1704179100);
    assert_int_equal(time_parse("07:05:", day, &t), 0);
    assert_int_equal(t, 1704179100);
    assert_int_equal(time_parse("07:05:00x", day, &t), ERR_INVAL);
    assert_int_equal(time_parse("2024-02/29 12:34", day, &t), ERR_INVAL);
    assert_int_equal(time_parse("2024-02-29", day, &t), ERR_INVAL);
    assert_int_equal(time_parse("2024-02-30 12:00", day, &t), ERR_INVAL);
    assert_int_equal(time_parse("12", day, &t), ERR_INVAL);
    assert_int_equal(time_parse("", day, &t), ERR_INVAL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(json_round_trip),
        cmocka_unit_test(json_errors_say_where),
        cmocka_unit_test(json_refuses_deep_nesting),
        cmocka_unit_test(json_add_replaces_members),
        cmocka_unit_test(json_text_is_read_a_member_at_a_time),
        cmocka_unit_test(a_text_is_indented_as_its_tree_would_be),
        cmocka_unit_test(values_format_like_upyos),
        cmocka_unit_test(numbers_are_recognised),
        cmocka_unit_test(strings),
        cmocka_unit_test(human_sizes),
        cmocka_unit_test(scanning_ints),
        cmocka_unit_test(times_parse),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
