"""The script language, conformance: scripts covering each construct, with exact output."""
import re

import pytest

from conftest import GPIO_OUT, PORT
from conftest import put_file as script   # a script into the root; returns its path




def test_loop_with_label_incr_and_if_goto(upyos, rootdir):
    # a label that starts with the target's name comes first: goto matches whole names
    script(rootdir, "/opt/loop.sh", "export a 0\ngoto cont\n:continue\necho wrong label\n"
                                    ":cont\nincr a\necho a is $a\n"
                                    "if $a <= 5 goto cont\necho done\n")
    assert upyos.run("sh /opt/loop.sh") == "".join(f"a is {i}\n" for i in range(1, 7)) + "done\n"


def test_lines_comments_semicolons_and_quotes(upyos, rootdir):
    script(rootdir, "/opt/q.sh",
           "# a comment line\n"
           "   # an indented one\n"
           "\n"
           "echo one; echo two # a trailing comment; echo not-run\n"
           "echo \"semi;colon\" 'hash #' x#y\n"
           "export v 'a b'\n"
           "echo [$v] \"[$v]\" '[$v]' [${v}] \\$v\n"
           "echo \"\" | echo\n"
           "export e \"\"\n"
           "sh /opt/count.sh \"\" $e \"$e\" 'x y'\n")
    script(rootdir, "/opt/count.sh", "echo $# args: [$1] [$2] [$3]\n")
    assert upyos.run("sh /opt/q.sh") == (
        "one\ntwo\n"
        "semi;colon hash # x#y\n"
        "[a b] [a b] [$v] [a b] $v\n"
        "\n"
        "3 args: [] [] [x y]\n")


def test_goto_both_ways_skip_counts_physical_lines_and_return(upyos, rootdir):
    script(rootdir, "/opt/g.sh",
           "goto :forward\n"
           "echo not here\n"
           ":back\n"
           "echo back\n"
           "return\n"
           ":forward\n"
           "echo forward\n"
           "skip 4\n"
           "echo skipped\n"
           "\n"
           "# also skipped: blank and comment lines count\n"
           "echo the fourth, skipped too\n"
           "echo after skip\n"
           "goto back\n"
           "echo never\n")
    assert upyos.run("sh /opt/g.sh") == "forward\nafter skip\nback\n"


def test_missing_label_ends_the_script_with_file_and_line(upyos, rootdir):
    script(rootdir, "/opt/m.sh", "echo before\ngoto nowhere\necho never\n")
    out = upyos.run("sh /opt/m.sh; echo status $?")
    assert out == ("before\nsh: /opt/m.sh line 2: label 'nowhere' not found\nstatus 1\n")


@pytest.mark.parametrize("a, op, b, holds", [
    ("5", "==", "5.0", True), ("10", ">", "9", True), ("10", "<", "9", False),
    ("2.5", "<=", "2.5", True), ("abc", "<", "abd", True), ("abc", "!=", "abc", False),
    ("-3", ">=", "-2", False), ("ell", "in", "hello", True), ("x", "in", "hello", False),
    ("5", "==", "five", False), ("5", "!=", "five", True),
])
def test_if_operators(upyos, rootdir, a, op, b, holds):
    script(rootdir, "/opt/if.sh", f"if {a} {op} {b} echo yes\necho end\n")
    assert upyos.run("sh /opt/if.sh") == ("yes\n" if holds else "") + "end\n"


def test_if_actions_run_skip_return(upyos, rootdir):
    script(rootdir, "/opt/act.sh",
           "if 1 == 1 run echo via run\n"
           "if 1 == 1 skip 1\n"
           "echo skipped\n"
           "if a == a export z 9\n"
           "echo z=$z\n"
           "if 2 > 1 return\n"
           "echo never\n")
    assert upyos.run("sh /opt/act.sh") == "via run\nz=9\n"


def test_bad_if_and_type_mismatch_are_errors_and_the_script_goes_on(upyos, rootdir):
    script(rootdir, "/opt/bad.sh", "if 1 ==\necho one\nif 3 < abc echo x\necho two\n"
                                   "if 1 ~ 1 echo x\necho three\n")
    assert upyos.run("sh /opt/bad.sh") == (
        "sh: /opt/bad.sh line 1: invalid 'if' syntax\n"
        "one\n"
        "sh: /opt/bad.sh line 3: cannot compare '3' < 'abc': a number and a text\n"
        "two\n"
        "sh: /opt/bad.sh line 5: invalid 'if' operator '~' (== != < > <= >= in)\n"
        "three\n")


def test_test_redirected_to_a_variable_and_skip(upyos, rootdir):
    script(rootdir, "/opt/t.sh",
           "test -f /upgrade > up\n"
           "if $up == False skip 2\n"
           "echo upgrading\n"
           "echo really\n"
           "test -f /etc/init.sh > up\n"
           "if $up == True echo init found\n"
           "test -d /etc\n"
           "echo status $?\n"
           "test -d /etc/init.sh\n"
           "echo status $?\n")
    assert upyos.run("sh /opt/t.sh") == "init found\nTrue\nstatus 0\nFalse\nstatus 1\n"
    assert upyos.run("env") .count("up=True") == 1       # a bool, not the text 'True'


def test_test_p_and_g(upyos):
    assert upyos.run("test -p nosuchprogram") == "False\n"
    upyos.run("sleep 3 &")
    assert upyos.run("test -p sleep") == "True\n"
    upyos.run(f"> gpio_write({GPIO_OUT}, 0)")
    assert upyos.run(f"test -g {GPIO_OUT}") == "False\n"
    upyos.run(f"> gpio_write({GPIO_OUT}, 1)")
    assert upyos.run(f"test -g {GPIO_OUT}") == "True\n"
    assert upyos.run("test -g 99999") == "test: 99999: no such GPIO\n"


def test_test_c_finds_built_in_commands_and_those_in_bin(upyos):
    assert upyos.run("test -c echo") == "True\n"
    assert upyos.run("test -c nosuchcommand") == "False\n"
    upyos.run("mkdir /bin")
    upyos.run("touch /bin/mine.sh")
    assert upyos.run("test -c mine") == "True\n"
    assert upyos.run("test -c /bin/mine.sh") == "False\n"    # a name, not a path


def test_nested_scripts_get_their_arguments_and_restore_ours(upyos, rootdir):
    script(rootdir, "/opt/outer.sh",
           "echo outer $0 $# $1 $2\n"
           "sh /opt/inner.sh x \"y z\"\n"
           "echo again $0 $# $1 $2\n")
    script(rootdir, "/opt/inner.sh", "echo inner $0 $# $1 [$2] [$3]\n")
    assert upyos.run("sh /opt/outer.sh A B") == (
        "outer /opt/outer.sh 2 A B\n"
        "inner /opt/inner.sh 2 x [y z] []\n"
        "again /opt/outer.sh 2 A B\n")


def test_scripts_run_by_name_from_bin_and_by_path(upyos, rootdir):
    script(rootdir, "/bin/greet.sh", "echo hi $1\n")
    script(rootdir, "/opt/local.sh", "echo local $1\n")
    assert upyos.run("greet you") == "hi you\n"
    assert upyos.run("/opt/local.sh one") == "local one\n"
    assert upyos.run("cd /opt; ./local.sh two") == "local two\n"
    assert upyos.run("nosuch; echo $?") == "nosuch: not found\n127\n"


def test_export_forms_types_unset_and_env(upyos):
    upyos.run("export s 5; export t = hello; export u=x=y; export i 7 -i; export f 2.5 -f;"
              " export b true -b; export w 3 -s")
    out = upyos.run("env")
    for line in ["s='5'", "t='hello'", "u='x=y'", "i=7", "f=2.5", "b=True", "w='3'"]:
        assert line + "\n" in out
    assert upyos.run("export n abc -i") == "export: abc: not an integer\n"
    assert upyos.run("unset s t; echo [$s$t]") == "[]\n"


def test_incr_and_decr(upyos):
    assert upyos.run("incr c; incr c 5; decr c 2; echo $c") == "4\n"
    assert upyos.run("export k 10; incr k; echo $k") == "11\n"
    assert upyos.run("export k abc; incr k; echo $?") == (
        "incr: Variable k is not an integer\n1\n")
    assert upyos.run("export k 1.5 -f; decr k") == "decr: Variable k is not an integer\n"


def test_status_of_every_command(upyos):
    assert upyos.run("echo x > /opt/o.txt; echo $?") == "0\n"
    assert upyos.run("test -f /nothing > r; echo $?") == "1\n"
    assert upyos.run("< 1/0") == "sh: ZeroDivisionError: division by zero\n"
    assert upyos.run("echo $?") == "1\n"
    assert upyos.run("> x = 1") == ""
    assert upyos.run("echo $?") == "0\n"
    assert upyos.run("echo 'open") == "sh: unterminated quote\n"
    assert upyos.run("echo $?") == "2\n"


def test_redirection_to_files_and_variables(upyos, rootdir):
    upyos.run("echo first > /opt/r.txt; echo second >> /opt/r.txt; echo x y > r.log")
    with open(upyos.host_path("/opt/r.txt")) as f:
        assert f.read() == "first\nsecond\n"
    with open(upyos.host_path("/r.log")) as f:               # a '.' makes it a file
        assert f.read() == "x y\n"
    upyos.run("echo to a path > /tmp/log")                    # so does a '/'
    assert upyos.run("cat /tmp/log") == "to a path\n"
    assert "log=" not in upyos.run("env")
    assert upyos.run("echo hello world > greeting; echo [$greeting]") == "[hello world]\n"
    assert upyos.run("echo more >> greeting; echo [$greeting]") == "[hello worldmore]\n"
    upyos.run("free > mem")
    assert re.search(r"^mem=\d+$", upyos.run("env"), re.M)   # free stores its number, typed
    assert upyos.run("echo a > 'bad name'") == "sh: bad name: not a valid variable name\n"
    assert upyos.run("echo a >") == "sh: '>' needs one target at the end\n"


def test_variable_append_keeps_the_whole_value_or_fails(boot_with_files):
    upyos = boot_with_files({"/v.txt": "x" * 600, "/big.txt": "y" * 20000})
    assert upyos.run("cat /v.txt > w; echo z >> w; echo $w > /out.txt") == ""
    assert open(upyos.host_path("/out.txt")).read() == "x" * 600 + "z\n"
    assert upyos.run("cat /big.txt > w; echo $?") == \
        "sh: w: output longer than 16384 bytes, not stored\n1\n"
    assert upyos.run("cat /big.txt >> w; echo $w > /out.txt") == \
        "sh: w: output longer than 16384 bytes, not stored\n"
    assert open(upyos.host_path("/out.txt")).read() == "x" * 600 + "z\n"
    # a command with a typed result (test) appends its text, as > stores its value
    assert upyos.run("echo start > v; test -f /v.txt >> v; echo [$v]") == "[startTrue]\n"
    assert upyos.run("test -f /v.txt > v; echo [$v]") == "[True]\n"


def test_pipes_and_background_jobs(upyos):
    out = upyos.run("sleep 0.2 &")
    m = re.fullmatch(r"\[(\d+)\]\n", out)
    assert m
    pid = m.group(1)
    assert upyos.run("echo $!") == pid + "\n"
    upyos.expect(re.escape(f"[{pid}]+ Done  sleep 0.2"))
    assert upyos.run("echo through | echo reader") == "reader\n"


NO_MODEM = ("atmodem: no modem: open its UART first (atmodem -c ID BAUD TX RX, or uart ID BAUD "
            "TX RX modem0)\n")


def test_at_lines_go_to_the_modem(upyos):
    # a line starting AT is atmodem's (tests/e2e/test_atmodem.py talks to a modem); without
    # one, it says so with its own status
    assert upyos.run("AT+X") == NO_MODEM
    assert upyos.run("echo $?") == "6\n"
    assert upyos.run('AT+CWJAP="a b","c;d"; echo still here') == NO_MODEM + "still here\n"
    assert upyos.run("ATE0 > v; echo [$v]") == NO_MODEM + "[]\n"
    assert upyos.run("ATlower") == "ATlower: not found\n"   # AT and a lower-case word


def test_read_menu(upyos, rootdir):
    script(rootdir, "/opt/menu.sh",
           ":menu\n"
           "< \"Options Menu\"\n"
           "echo 1 - hello\n"
           "echo 2 - quit\n"
           "read v1 \"Enter option: \"\n"
           "if $v1 == 1 echo Hello, menu\n"
           "if $v1 == 2 return\n"
           "goto menu\n")
    c = upyos.child
    c.sendline("sh /opt/menu.sh")
    c.expect_exact("Enter option: ")
    c.sendline("1")
    c.expect_exact("Hello, menu")
    c.expect_exact("Enter option: ")
    c.sendline("2")
    upyos.wait_prompt()
    assert upyos.run("echo [$v1]") == "[2]\n"


def test_malformed_input_gives_clear_errors(upyos, rootdir):
    # far over the 1 KB line limit; on the MCU the whole script and the session's Python heap
    # (64 KB) share its RAM with the rest, so its long line is shorter there
    long_line = "x" * (100 * 1024 if PORT == "posix" else 8 * 1024)
    script(rootdir, "/opt/bad.sh",
           "echo \"unterminated\n"
           "echo next\n"
           "< 1 / 0\n"
           "< (1 +\n"
           "echo " + long_line + "\n"
           "> x = \n"
           "echo last\n")
    assert upyos.run("sh /opt/bad.sh") == (
        "sh: /opt/bad.sh line 1: unterminated quote\n"
        "next\n"
        "sh: /opt/bad.sh line 3: ZeroDivisionError: division by zero\n"
        "sh: /opt/bad.sh line 4: SyntaxError: '(' was never closed\n"
        "sh: /opt/bad.sh line 5: line too long\n"
        "sh: /opt/bad.sh line 6: SyntaxError: invalid syntax\n"
        "last\n")
    assert upyos.run("echo 'open") == "sh: unterminated quote\n"
    assert upyos.run("sh /opt/none.sh") == "sh: /opt/none.sh: no such file\n"
