/* lib/regex: POSIX basic and extended syntax, case folding, errors, and a pattern that would
 * take a backtracking matcher exponential time. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "lib/err.h"
#include "lib/regex.h"

/* 1 or 0 as regex_search says; -1 when the pattern does not compile. */
static int match(const char *pattern, int flags, const char *text)
{
    struct regex *re;
    const char *why;
    if (regex_compile(pattern, flags, &re, &why) < 0)
        return -1;
    int r = regex_search(re, text);
    regex_free(re);
    return r;
}

#define BRE(p, t) match(p, 0, t)
#define ERE(p, t) match(p, REGEX_EXTENDED, t)

static void literals_dots_and_anchors(void **state)
{
    assert_int_equal(BRE("apple", "an apple pie"), 1);
    assert_int_equal(BRE("apple", "an Apple pie"), 0);
    assert_int_equal(match("apple", REGEX_ICASE, "an APPLE pie"), 1);
    assert_int_equal(BRE("a.c", "xabcx"), 1);
    assert_int_equal(BRE("a\\.c", "xabcx"), 0);
    assert_int_equal(BRE("a\\.c", "a.c"), 1);
    assert_int_equal(BRE("^ab", "abc"), 1);
    assert_int_equal(BRE("^ab", "cab"), 0);
    assert_int_equal(BRE("bc$", "abc"), 1);
    assert_int_equal(BRE("bc$", "abcd"), 0);
    assert_int_equal(BRE("^$", ""), 1);
    assert_int_equal(BRE("^$", "x"), 0);
    assert_int_equal(BRE("a^b", "a^b"), 1);         /* not at the start: a literal in BRE */
    assert_int_equal(BRE("a$b", "a$b"), 1);
    assert_int_equal(BRE("", "anything"), 1);
}

static void repeats(void **state)
{
    assert_int_equal(BRE("ab*c", "ac"), 1);
    assert_int_equal(BRE("ab*c", "abbbc"), 1);
    assert_int_equal(BRE("ab+c", "ab+c"), 1);       /* + is literal in BRE */
    assert_int_equal(BRE("ab\\+c", "abbc"), 1);
    assert_int_equal(ERE("ab+c", "ac"), 0);
    assert_int_equal(ERE("ab+c", "abbc"), 1);
    assert_int_equal(ERE("colou?r", "color"), 1);
    assert_int_equal(ERE("colou?r", "colour"), 1);
    assert_int_equal(ERE("^a{2,3}$", "a"), 0);
    assert_int_equal(ERE("^a{2,3}$", "aa"), 1);
    assert_int_equal(ERE("^a{2,3}$", "aaaa"), 0);
    assert_int_equal(ERE("^a{2,}$", "aaaaaaa"), 1);
    assert_int_equal(BRE("^a\\{2\\}$", "aa"), 1);
    assert_int_equal(ERE("a{x", "a{x"), 1);          /* not an interval: literal */
    assert_int_equal(BRE("*a", "*a"), 1);           /* nothing to repeat: literal */
}

static void groups_alternatives_and_classes(void **state)
{
    assert_int_equal(ERE("^(ab)+$", "ababab"), 1);
    assert_int_equal(ERE("^(ab)+$", "ababa"), 0);
    assert_int_equal(ERE("cat|dog", "hotdog"), 1);
    assert_int_equal(ERE("^(cat|dog)s?$", "cats"), 1);
    assert_int_equal(ERE("^(cat|dog)s?$", "cow"), 0);
    assert_int_equal(BRE("\\(ab\\)*c", "ababc"), 1);
    assert_int_equal(BRE("cat\\|dog", "dog"), 1);
    assert_int_equal(BRE("(ab)", "x(ab)y"), 1);      /* ( is literal in BRE */
    assert_int_equal(BRE("[0-9][0-9]*", "abc42"), 1);
    assert_int_equal(BRE("^[^0-9]*$", "abc42"), 0);
    assert_int_equal(BRE("[]x]", "]"), 1);
    assert_int_equal(BRE("[[:digit:]]", "x7"), 1);
    assert_int_equal(BRE("^[[:alpha:]_][[:alnum:]_]*$", "name_1"), 1);
    assert_int_equal(BRE("^[[:alpha:]_][[:alnum:]_]*$", "1name"), 0);
    assert_int_equal(match("[a-c]", REGEX_ICASE, "B"), 1);
    assert_int_equal(ERE("\\w+\\s\\w+", "hello world"), 1);
    assert_int_equal(ERE("^\\S+$", "no spaces"), 0);
}

static void errors_and_limits(void **state)
{
    struct regex *re;
    const char *why;
    assert_int_equal(regex_compile("[abc", 0, &re, &why), ERR_INVAL);
    assert_string_equal(why, "unmatched [");
    assert_int_equal(regex_compile("(ab", REGEX_EXTENDED, &re, &why), ERR_INVAL);
    assert_string_equal(why, "unmatched (");
    assert_int_equal(regex_compile("[[:nope:]]", 0, &re, &why), ERR_INVAL);
    assert_int_equal(regex_compile("[z-a]", 0, &re, &why), ERR_INVAL);
    assert_int_equal(regex_compile("a\\{3,1\\}", 0, &re, &why), ERR_INVAL);
    assert_int_equal(regex_compile("ab\\", 0, &re, &why), ERR_INVAL);
    assert_int_equal(regex_compile("(a{255}){255}", REGEX_EXTENDED, &re, &why), ERR_INVAL);
    assert_string_equal(why, "pattern too complex");
    assert_null(re);
    /* repeats of a repeat of nothing: no code, but a great many copies to make */
    assert_int_equal(regex_compile("x{0}{200}{200}{200}{200}", REGEX_EXTENDED, &re, &why),
                     ERR_INVAL);
    assert_string_equal(why, "pattern too complex");

    /* (a*)*b against a long run of a's: exponential for a backtracking matcher */
    char text[4001];
    memset(text, 'a', 4000);
    text[4000] = '\0';
    assert_int_equal(ERE("(a*)*b", text), 0);
    assert_int_equal(ERE("(a|aa)*c", text), 0);
    text[3999] = 'b';
    assert_int_equal(ERE("(a*)*b", text), 1);
}

/* Python syntax: "start end" of the first match and of each group ("-1 -1" for a group that
 * took no part), or "none"; the pattern's error message when it does not compile. */
static const char *py_search(const char *pattern, int flags, const char *text, int how)
{
    static char out[256];
    struct regex *re;
    const char *why;
    if (regex_compile(pattern, REGEX_PYTHON | flags, &re, &why) < 0)
        return why;
    int32_t caps[2 * (REGEX_GROUPS_MAX + 1)];
    size_t used = 0;
    if (!regex_exec(re, text, strlen(text), 0, how, caps))
        strcpy(out, "none");
    else
        for (int g = 0; g <= regex_groups(re); g++)
            used += (size_t)snprintf(out + used, sizeof out - used, "%s%d %d", g ? " " : "",
                                     (int)caps[2 * g], (int)caps[2 * g + 1]);
    regex_free(re);
    return out;
}

static void python_groups_and_priorities(void **state)
{
    assert_string_equal(py_search("(\\d+)-(\\d+)", 0, "tel 12-345", 0), "4 10 4 6 7 10");
    assert_string_equal(py_search("(a)|(b)", 0, "xb", 0), "1 2 -1 -1 1 2");
    assert_string_equal(py_search("(a|ab)(c|bcd)(d*)", 0, "abcd", 0), "0 4 0 1 1 4 4 4");
    assert_string_equal(py_search("<.*?>", 0, "<a><b>", 0), "0 3");
    assert_string_equal(py_search("<.*>", 0, "<a><b>", 0), "0 6");
    assert_string_equal(py_search("a{2,3}?", 0, "aaaa", 0), "0 2");
    assert_string_equal(py_search("b", 0, "ab", REGEX_ANCHORED), "none");
    assert_string_equal(py_search("a|ab", 0, "ab", REGEX_ANCHORED | REGEX_FULL), "0 2");
    assert_string_equal(py_search("(?:x)(?P<n>y)", 0, "xy", 0), "0 2 1 2");
    assert_string_equal(py_search("^b$", REGEX_MULTILINE, "a\nb\nc", 0), "2 3");
    assert_string_equal(py_search("^b", 0, "a\nb", 0), "none");
    assert_string_equal(py_search("a.b", 0, "a\nb", 0), "none");
    assert_string_equal(py_search("a.b", REGEX_DOTALL, "a\nb", 0), "0 3");
    assert_string_equal(py_search("\\bis\\b", 0, "this is", 0), "5 7");
    assert_string_equal(py_search("HI", REGEX_ICASE, "say hi", 0), "4 6");
    /* a dot and a negated class take a whole UTF-8 character, unless the text is bytes */
    assert_string_equal(py_search("c.f", 0, "c\xc3\xa9" "f", 0), "0 4");
    assert_string_equal(py_search("c[^x]f", 0, "c\xc3\xa9" "f", 0), "0 4");
    assert_string_equal(py_search("c.f", REGEX_BYTES, "c\xc3\xa9" "f", 0), "none");
    assert_string_equal(py_search("\\x41\\t", 0, "A\t", 0), "0 2");
}

static void python_errors(void **state)
{
    assert_string_equal(py_search("*a", 0, "", 0), "nothing to repeat");
    assert_string_equal(py_search("a**", 0, "", 0), "multiple repeat");
    assert_string_equal(py_search("(a", 0, "", 0), "missing ), unterminated subpattern");
    assert_string_equal(py_search("a)", 0, "", 0), "unbalanced parenthesis");
    assert_string_equal(py_search("(a)\\1", 0, "", 0), "back references are not supported");
    assert_string_equal(py_search("(?=a)", 0, "", 0), "unsupported group (?...)");
    assert_string_equal(py_search("(?P<n>a)(?P<n>b)", 0, "", 0), "redefinition of group name");
    assert_string_equal(py_search("\\q", 0, "", 0), "bad escape");
    assert_string_equal(py_search("[\xc3\xa9]", 0, "", 0), "non-ASCII characters in [] are not supported");
    /* (a*)*b: exponential for a backtracking matcher, with groups too */
    char text[2001];
    memset(text, 'a', 2000);
    text[2000] = '\0';
    assert_string_equal(py_search("(a*)*b", 0, text, 0), "none");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(literals_dots_and_anchors),
        cmocka_unit_test(repeats),
        cmocka_unit_test(groups_alternatives_and_classes),
        cmocka_unit_test(errors_and_limits),
        cmocka_unit_test(python_groups_and_priorities),
        cmocka_unit_test(python_errors),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
