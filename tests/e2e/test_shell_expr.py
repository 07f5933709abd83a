"""Expression lines: `< expr` prints a value, `> stmt; stmt` assigns and calls.

They run on the Python interpreter (py/): a trailing comma is allowed in a call, ints are
unbounded, lists exist, an error names its exception type."""
import pytest

from conftest import GPIO_OUT


CASES = [
    ("< 2+2", "4"),
    ('< "Options Menu"', "Options Menu"),
    ("< 7 / 2", "3.5"),
    ("< 7 // 2, ", "3"),
    ("< -7 // 2", "-4"),
    ("< 2 ** 100", "1267650600228229401496703205376"),
    ("< 2 ** 0.5", "1.4142135623730951"),
    ('< "ab" * 3 + "c"', "abababc"),
    ('< "hello"[1:4] + "hello"[-1]', "ello"),
    ("< 1 < 2 <= 2", "True"),
    ('< "el" in "hello" and not False', "True"),
    ("< None", "None"),
    ('< len("abc"), ', "3"),
    ('< int("42") + float("0.5")', "42.5"),
    ("< hex(255)", "0xff"),
    ("< round(2.675, 2)", "2.67"),
    ("< min(4, 2, 8) * max(1, 3)", "6"),
    ("< abs(-7)", "7"),
    ("< str(1) + str(2.0)", "12.0"),
    ("< sdata.name", "upyOS-C"),
    ("< sdata.version", "0.1.0"),
    ("< len(sdata.sid) > 0", "True"),
    ("< 1 / 0", "sh: ZeroDivisionError: division by zero"),
    ("< 1 + 'a'", "sh: TypeError: unsupported operand type(s) for +: 'int' and 'str'"),
    ("< nosuch", "sh: NameError: name 'nosuch' is not defined"),
    ("< import os", "sh: SyntaxError: invalid syntax"),
    ("< [1, 2]", "[1, 2]"),
    ("< f'{'", "sh: SyntaxError: f-string: expecting '}'"),
]


@pytest.mark.parametrize("line, out", CASES)
def test_expression_values(upyos, line, out):
    assert upyos.run(line) == out + "\n"


def test_python_lines_share_one_namespace_and_reach_variables_through_getenv(upyos):
    assert upyos.run("> x = 3*4") == ""
    assert upyos.run("< x") == "12\n"
    assert upyos.run("echo [$x]") == "[]\n"          # a Python name, not a shell variable
    assert upyos.run("> def sq(n): return n * n") == ""
    assert upyos.run("> class P:\\n def __init__(s, v): s.v = v\\n def __repr__(s): return f'P({s.v})'") == ""
    assert upyos.run("< [sq(i) for i in range(4)], P(x), {'k': (1, 2)}") == (
        "[0, 1, 4, 9] P(12) {'k': (1, 2)}\n")
    assert upyos.run("> setenv('y', x / 8); setenv('s', f'x={x}'); setenv('b', x > 1); setenv('i', x + 1)") == ""
    out = upyos.run("env")
    assert "y=1.5\n" in out and "s='x=12'\n" in out and "b=True\n" in out and "i=13\n" in out
    upyos.run("export n 5")                             # export makes a str
    assert upyos.run("< getenv('n') + 1") == (
        "sh: TypeError: can only concatenate str (not \"int\") to str\n")
    assert upyos.run("< int(getenv('n')) + 1, getenv('i') + 1, getenv('y') * 2, getenv('b')") == (
        "6 14 3.0 True\n")
    assert upyos.run("< type(getenv('i')).__name__, getenv('nope'), getenv('nope', 0)") == (
        "int None 0\n")


def test_a_line_keeps_upyos_rewriting_of_backslash_n(upyos):
    # upyOS turns the two characters \n into a newline before running a line: a small block
    # fits on one line, and "\\n" (a backslash, then the rewriting) is an empty string
    assert upyos.run(r"> for i in range(2):\n    print('row', i)") == "row 0\nrow 1\n"
    assert upyos.run(r'< "\\n", "x"') == " x\n"
    assert upyos.run(r'< "a" + "\\n" * 2 + "b"') == "ab\n"


def test_f_strings_and_ansi_escapes(upyos):
    upyos.run("> x = 'ok'")
    assert upyos.run('< f"Modem: {x} {2*21:5d}|{3.14159:.2f}|{x!r}"') == (
        "Modem: ok    42|3.14|'ok'\n")
    upyos.child.sendline(r'< "\033[1mbold\x1b[0m" + chr(10) + "end"')
    upyos.child.expect_exact("\x1b[1mbold\x1b[0m\r\nend")
    upyos.wait_prompt()


def test_print_getenv_setenv_and_sdata_debug(upyos):
    assert upyos.run("> print('a', 1, 2.5, True); setenv('q', 7)") == "a 1 2.5 True\n"
    assert upyos.run("< getenv('q') * 2") == "14\n"
    assert upyos.run("< getenv('missing', 'dflt')") == "dflt\n"
    assert upyos.run("> sdata.debug=True") == ""
    assert upyos.run("< sdata.debug") == "True\n"
    assert upyos.run("> sdata.debug=False") == ""
    assert upyos.run("< sdata.debug") == "False\n"
    # sdata is upyOS's plain module: lines hand objects on through it
    assert upyos.run("> sdata.d0 = [1, 2]; sdata.name = 'x'") == ""
    assert upyos.run("< sdata.d0, sdata.name") == "[1, 2] x\n"


def test_time_memory_and_gpio(upyos):
    assert upyos.run("< time() > 1600000000") == "True\n"
    assert upyos.run("> t = ticks_ms(); sleep_ms(50); d = ticks_ms() - t") == ""
    assert upyos.run("< d >= 50") == "True\n"
    assert upyos.run("< mem_free() >= 0 and str(mem_free()).isdigit()") == "True\n"
    assert upyos.run(f"> gpio_write({GPIO_OUT}, 1)") == ""
    assert upyos.run(f"< gpio_read({GPIO_OUT})") == "1\n"
    assert upyos.run(f"test -g {GPIO_OUT}") == "True\n"
    assert upyos.run(f"> gpio_write({GPIO_OUT}, 0)") == ""
    assert upyos.run(f"< gpio_read({GPIO_OUT})") == "0\n"
    assert upyos.run("< gpio_read(9999)") == "sh: ValueError: gpio_read(): no GPIO 9999\n"


def test_expression_errors_in_scripts_name_file_and_line(upyos, rootdir):
    with open(rootdir + "/opt/e.sh", "w") as f:
        f.write("< 1\n< 1/0\n> x = (\n< 'go on'\n")
    assert upyos.run("sh /opt/e.sh") == (
        "1\n"
        "sh: /opt/e.sh line 2: ZeroDivisionError: division by zero\n"
        "sh: /opt/e.sh line 3: SyntaxError: '(' was never closed\n"
        "go on\n")


# Builtins and str methods of `<` lines, each with the output Python prints for the same
# line: they stay true when the lines run on the Python interpreter.
@pytest.mark.parametrize("line,printed", [
    ('< repr("a b")', "'a b'"),
    ("< repr(12)", "12"),
    ("< bool(0)", "False"),
    ('< bool("x")', "True"),
    ("< bool()", "False"),
    ("< chr(65) + chr(97)", "Aa"),
    ('< ord("z")', "122"),
    ('< "MiXeD".lower()', "mixed"),
    ('< "  pad  ".lstrip() + "|"', "pad  |"),
    ('< "  pad  ".rstrip() + "|"', "  pad|"),
    ('< "hello".startswith("he")', "True"),
    ('< "hello".startswith("lo")', "False"),
    ('< "hello".endswith("lo")', "True"),
    ('< "hello".find("l")', "2"),
    ('< "hello".find("z")', "-1"),
    ('< "hello".count("l")', "2"),
    ('< "aaaa".count("aa")', "2"),
    ('< f"{5:b}|{255:08b}|{0:b}"', "101|11111111|0"),
    ("< bin(10) + hex(255) + oct(8)", "0b10100xff0o10"),
])
def test_builtins_and_str_methods_print_as_python_does(upyos, line, printed):
    assert upyos.run(line) == printed + "\n"


def test_microsecond_ticks_sleep_and_gc_collect(upyos):
    assert upyos.run("> t0 = ticks_us(); sleep(0.05); d = ticks_diff(ticks_us(), t0)") == ""
    assert upyos.run("< d >= 50000") == "True\n"
    assert upyos.run("> gc.collect()") == ""


def test_read_takes_a_line_from_a_pipe(upyos):
    # not a terminal: read takes a plain line, without the line editor
    assert upyos.run('echo abc def | read v "x: "; echo [$v]') == "x: [abc def]\n"
