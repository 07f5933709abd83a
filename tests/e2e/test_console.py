"""The console line editor: editing keys, history, completion, Ctrl-C."""
import time

import pytest

UP, DOWN, LEFT, RIGHT = "\x1b[A", "\x1b[B", "\x1b[D", "\x1b[C"
HOME, END, DELETE = "\x1b[H", "\x1b[F", "\x1b[3~"


def typed(c, keys):
    """Sends keys then Enter; returns the output of the resulting command."""
    c.send(keys + "\r")
    c.child.expect(r"\r\n")          # the editor ends the line
    return c.wait_prompt().replace("\r\n", "\n")


def test_cursor_keys_and_backspace_edit_the_line(upyos):
    out = typed(upyos, "echo wrld" + LEFT * 3 + "o" + END + "!" + "\x7f" + "?")
    assert out.strip().endswith("world?")


def test_home_delete_and_ctrl_keys(upyos):
    out = typed(upyos, "Xecho abc" + HOME + DELETE)
    assert out.strip().endswith("abc")
    out = typed(upyos, "garbage\x15echo clean")      # Ctrl-U drops what was before
    assert out.strip().endswith("clean")
    out = typed(upyos, "echo keep drop" + LEFT * 5 + "\x0b")   # Ctrl-K cuts to the end
    assert out.strip().endswith("keep")


@pytest.mark.posix_only   # 1,100 characters at once: the boards' UARTs have no flow control
def test_a_line_at_its_longest_rings_the_bell_for_what_does_not_fit(upyos):
    upyos.send("echo " + "x" * 1100)             # the prompt's line holds 1,023 characters
    upyos.child.expect("\a")
    out = typed(upyos, "")
    assert "x" * 1018 in out and "x" * 1019 not in out.replace("\a", ""), out[-80:]


def test_history_up_and_down(upyos):
    upyos.run("echo first")
    upyos.run("echo second")
    assert typed(upyos, UP + UP).strip().endswith("first")
    # history is now: first, second, first; three up and one down is "second"
    assert typed(upyos, UP + UP + UP + DOWN).strip().endswith("second")
    assert typed(upyos, UP * 10).strip().endswith("first")    # stops at the oldest


def test_tab_completes_command_names(upyos):
    out = typed(upyos, "ech\t hi")
    assert out.strip().endswith("hi")


def test_tab_completes_the_shells_builtins_sorted_among_the_commands(upyos):
    out = typed(upyos, "ru\techo via run")
    assert out.strip().endswith("via run")
    upyos.send("g\t\t")
    upyos.expect(r"goto +gpio +grep +\r\n")
    upyos.send("\x15\r")
    upyos.wait_prompt()


def test_tab_completes_paths_and_lists_choices(upyos):
    out = typed(upyos, "sh /opt/hel\t Tab")
    assert "Hello, Tab" in out
    upyos.send("sh /etc/\t\t")
    upyos.expect("init.sh")
    upyos.send("\x15\r")
    upyos.wait_prompt()


def test_ctrl_c_drops_the_line(upyos):
    upyos.send("echo never")
    upyos.send("\x03")
    upyos.expect(r"\^C")
    upyos.wait_prompt()
    assert upyos.run("echo after") == "after\n"


def test_ctrl_c_stops_the_foreground_command(upyos):
    upyos.send("sleep 30\r")
    time.sleep(0.3)
    start = time.time()
    upyos.send("\x03")
    upyos.wait_prompt()
    assert time.time() - start < 3
    assert upyos.run("echo $?") == "130\n"


def test_ctrl_c_stops_a_whole_script(boot, rootdir):
    with open(rootdir + "/opt/loop.sh", "w") as f:
        f.write("echo start\nsleep 30\necho not-reached\n")
    upyos = boot()
    upyos.wait_prompt()
    upyos.send("sh /opt/loop.sh\r")
    upyos.expect("start")
    upyos.send("\x03")
    out = upyos.wait_prompt()
    assert "not-reached" not in out
