/* lib/regex: POSIX basic and extended syntax, case folding, errors, and a pattern that would
 * take a backtracking matcher exponential time. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
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

    /* (a*)*b against a long run of a's: exponential for a backtracking matcher */
    char text[4001];
    memset(text, 'a', 4000);
    text[4000] = '\0';
    assert_int_equal(ERE("(a*)*b", text), 0);
    assert_int_equal(ERE("(a|aa)*c", text), 0);
    text[3999] = 'b';
    assert_int_equal(ERE("(a*)*b", text), 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(literals_dots_and_anchors),
        cmocka_unit_test(repeats),
        cmocka_unit_test(groups_alternatives_and_classes),
        cmocka_unit_test(errors_and_limits),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
