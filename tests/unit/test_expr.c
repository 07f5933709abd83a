/* shell/expr_*.c: the expression language of `<` and `>` lines. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "kernel/env.h"
#include "kernel/sysdata.h"
#include "lib/value.h"
#include "shell/expr.h"

static char text[256], err[160];

/* The str() of an expression's value, or "error: message". */
static const char *eval(const char *src)
{
    struct value v;
    if (expr_eval(NULL, src, &v, err, sizeof err) < 0) {
        snprintf(text, sizeof text, "error: %s", err);
        return text;
    }
    value_format(&v, text, sizeof text);
    value_free(&v);
    return text;
}

static int setup(void **state)
{
    env_init();
    sysdata_init();
    return 0;
}

static void literals_as_python(void **state)
{
    assert_string_equal(eval("42"), "42");
    assert_string_equal(eval("0x1F + 0o7 + 0b11"), "41");
    assert_string_equal(eval("2.50"), "2.5");
    assert_string_equal(eval("1e3"), "1000.0");
    assert_string_equal(eval("'it''s'"), "its");
    assert_string_equal(eval("\"a\\tb\\n\" == 'a\\x09b\\012'"), "True");
    assert_string_equal(eval("'\\033[1m' == '\\x1b[1m'"), "True");
    assert_string_equal(eval("len('\\u00e9')"), "2");
    assert_string_equal(eval("r'a\\n'"), "a\\n");
    assert_string_equal(eval("True"), "True");
    assert_string_equal(eval("None"), "None");
}

static void arithmetic_follows_python(void **state)
{
    assert_string_equal(eval("2 + 3 * 4"), "14");
    assert_string_equal(eval("(2 + 3) * 4"), "20");
    assert_string_equal(eval("7 / 2"), "3.5");
    assert_string_equal(eval("7 // 2"), "3");
    assert_string_equal(eval("-7 // 2"), "-4");
    assert_string_equal(eval("-7 % 3"), "2");
    assert_string_equal(eval("7.5 % 2"), "1.5");
    assert_string_equal(eval("2 ** 10"), "1024");
    assert_string_equal(eval("-2 ** 2"), "-4");
    assert_string_equal(eval("2 ** 3 ** 2"), "512");
    assert_string_equal(eval("2 ** -1"), "0.5");
    assert_string_equal(eval("True + 1"), "2");
    assert_string_equal(eval("1 << 4 | 1"), "17");
    assert_string_equal(eval("'ab' + 'c'"), "abc");
    assert_string_equal(eval("'ab' * 3"), "ababab");
    assert_string_equal(eval("0.1 + 0.2"), "0.30000000000000004");
}

static void errors_are_messages(void **state)
{
    assert_string_equal(eval("1 / 0"), "error: division by zero");
    assert_string_equal(eval("1 // 0"), "error: division by zero");
    assert_string_equal(eval("1 % 0"), "error: modulo by zero");
    assert_string_equal(eval("1.0 / 0"), "error: float division by zero");
    assert_string_equal(eval("'a' + 1"), "error: unsupported operand types for +: 'str' and 'int'");
    assert_string_equal(eval("1 <"), "error: invalid syntax: unexpected end of expression");
    assert_string_equal(eval("(1"), "error: invalid syntax: unexpected end of expression");
    assert_string_equal(eval("1 2"), "error: invalid syntax near '2'");
    assert_string_equal(eval("nothing_here"), "error: name 'nothing_here' is not defined");
    assert_string_equal(eval("nofunc(1)"), "error: unknown function 'nofunc'");
    assert_string_equal(eval("len(1, 2)"), "error: len() takes 1 argument (2 given)");
    assert_string_equal(eval("'abc"), "error: unterminated string");
    assert_string_equal(eval("9223372036854775807 + 1"), "error: integer overflow (ints are 64-bit)");
    assert_string_equal(eval("'x' * 100000"), "error: string too long (at most 16384 bytes)");
    assert_string_equal(eval("1 < 'a'"), "error: '<' not supported between 'int' and 'str'");
    assert_string_equal(eval("@"), "error: invalid character '@'");
}

static void nesting_is_bounded(void **state)
{
    char deep[400];
    memset(deep, '(', 150);
    deep[150] = '1';
    memset(deep + 151, ')', 150);
    deep[301] = '\0';
    assert_string_equal(eval(deep), "error: expression too deeply nested");
    memset(deep, '-', 300);
    strcpy(deep + 300, "1");
    assert_string_equal(eval(deep), "error: expression too deeply nested");
    assert_string_equal(eval("((((((((((1))))))))))"), "1");
}

static void comparisons_and_logic(void **state)
{
    assert_string_equal(eval("1 < 2 < 3"), "True");
    assert_string_equal(eval("3 > 2 > 2"), "False");
    assert_string_equal(eval("1 == 1.0"), "True");
    assert_string_equal(eval("'a' != 1"), "True");
    assert_string_equal(eval("'el' in 'hello'"), "True");
    assert_string_equal(eval("'x' not in 'hello'"), "True");
    assert_string_equal(eval("0 or 'default'"), "default");
    assert_string_equal(eval("1 and 0"), "0");
    assert_string_equal(eval("not ''"), "True");
    assert_string_equal(eval("'yes' if 2 > 1 else 'no'"), "yes");
    assert_string_equal(eval("0 and 1 / 0"), "0");     /* short-circuit */
}

static void strings_index_slice_and_format(void **state)
{
    assert_string_equal(eval("'hello'[1]"), "e");
    assert_string_equal(eval("'hello'[-1]"), "o");
    assert_string_equal(eval("'hello'[1:3]"), "el");
    assert_string_equal(eval("'hello'[::-1]"), "olleh");
    assert_string_equal(eval("'hello'[-3:]"), "llo");
    assert_string_equal(eval("'hello'[::2]"), "hlo");
    assert_string_equal(eval("'hello'[9]"), "error: string index out of range");
    assert_string_equal(eval("f'{1+1} and {\"x\"!r} {{}}'"), "2 and 'x' {}");
    assert_string_equal(eval("f'[{3.14159:.2f}] [{42:5d}] [{7:03}] [{\"ab\":>4}] [{255:x}]'"),
                        "[3.14] [   42] [007] [  ab] [ff]");
    assert_string_equal(eval("f'{'"), "error: f-string: missing '}'");
    assert_string_equal(eval("f'}'"), "error: f-string: single '}' is not allowed");
    assert_string_equal(eval("' a b '.strip().upper()"), "A B");
    assert_string_equal(eval("'a-b-c'.replace('-', '+')"), "a+b+c");
    assert_string_equal(eval("'abc'.startswith(1)"), "error: startswith() needs a str, not 'int'");
    assert_string_equal(eval("'abc'.replace('a', 2)"), "error: replace() needs a str, not 'int'");
    assert_string_equal(eval("'abc'.rstrip(1.5)"), "error: rstrip() needs a str, not 'float'");
    assert_string_equal(eval("'abc'.find(1, 2)"), "error: find() takes 2 arguments (3 given)");
}

static void builtins(void **state)
{
    assert_string_equal(eval("len('abc') + int('12') + int(' 7 ') + int('ff', 16)"), "277");
    assert_string_equal(eval("float('2.5') * 2"), "5.0");
    assert_string_equal(eval("str(12) + str(1.5) + str(True)"), "121.5True");
    assert_string_equal(eval("hex(255) + hex(-1) + bin(5) + oct(8)"), "0xff-0x10b1010o10");
    assert_string_equal(eval("hex(-9223372036854775807 - 1)"), "-0x8000000000000000");
    assert_string_equal(eval("abs(-3) + abs(-2.5)"), "5.5");
    assert_string_equal(eval("min(3, 1, 2) + max(4, 9)"), "10");
    assert_string_equal(eval("round(2.5)"), "2");
    assert_string_equal(eval("round(3.5)"), "4");
    assert_string_equal(eval("round(3.14159, 2)"), "3.14");
    assert_string_equal(eval("int('x')"), "error: invalid literal for int(): 'x'");
    assert_string_equal(eval("mem_free() >= 0 and mem_alloc() >= 0"), "True");
    assert_string_equal(eval("ticks_ms() >= 0 and time.time() > 0"), "True");
    assert_string_equal(eval("getenv('no_such', 'dflt')"), "dflt");
    assert_string_equal(eval("sdata.name"), "upyOS-C");
    assert_string_equal(eval("sdata.nope"),
                        "error: sdata has no 'nope' (name, version, sid, board, platform, debug, recovery)");
}

static void statements_set_typed_variables(void **state)
{
    struct value v;
    assert_int_equal(expr_exec(NULL, "x = 3*4; y = x / 8; s = f'n={x}'; x += 1", err, sizeof err), 0);
    assert_int_equal(env_get("x", &v), 0);
    assert_int_equal(v.type, VAL_INT);
    assert_int_equal(v.u.i, 13);
    assert_int_equal(env_get("y", &v), 0);
    assert_int_equal(v.type, VAL_FLOAT);
    assert_string_equal(eval("s"), "n=12");
    assert_int_equal(expr_exec(NULL, "sdata.debug = True", err, sizeof err), 0);
    assert_true(sysdata.debug);
    assert_int_equal(expr_exec(NULL, "sdata.debug=False", err, sizeof err), 0);
    assert_false(sysdata.debug);
    assert_int_equal(expr_exec(NULL, "sdata.name = 'x'", err, sizeof err), -1);
    assert_string_equal(err, "sdata.name cannot be set (only sdata.debug)");
    assert_int_equal(expr_exec(NULL, "3 = x", err, sizeof err), -1);
    assert_int_equal(expr_exec(NULL, "setenv('z', 5); z = z * 2;", err, sizeof err), 0);
    assert_string_equal(eval("z"), "10");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(literals_as_python),
        cmocka_unit_test(arithmetic_follows_python),
        cmocka_unit_test(errors_are_messages),
        cmocka_unit_test(nesting_is_bounded),
        cmocka_unit_test(comparisons_and_logic),
        cmocka_unit_test(strings_index_slice_and_format),
        cmocka_unit_test(builtins),
        cmocka_unit_test(statements_set_typed_variables),
    };
    return cmocka_run_group_tests(tests, setup, NULL);
}
