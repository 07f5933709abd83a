"""Python programs as processes, typed at the console: `.py` paths and /bin names, arguments,
`__main__(args)`, `proc`, sys.argv/exit/path, imports, tracebacks, files, background jobs,
ps/kill/hold/resume, Ctrl-C and a MemoryError that leaves everything else running.

On the MCU port the files are put before the first command: its flash image is made at boot."""
import json
import time

import pytest

from conftest import PORT, SLOW, put_file
from procutil import end_jobs, ps, start_background, until

# the port's default heap of a program (ports/PORT/features.cmake UPYOS_PY_HEAP_DEFAULT)
PY_HEAP = {"posix": 1024 * 1024, "mps2-an385": 64 * 1024, "rp2040": 64 * 1024}[PORT]

DEMO = """\
import sys
print("body", __name__)
def __main__(args):
    print("main", args, sys.argv[1:], proc.args, proc.pid > 0, proc.sts)
"""


def test_a_py_path_runs_its_body_then_main_with_the_arguments(upyos, rootdir):
    put_file(rootdir, "/opt/demo.py", DEMO)
    assert upyos.run("/opt/demo.py a b") == (
        "body demo\nmain ['a', 'b'] ['a', 'b'] ['a', 'b'] True R\n")
    assert upyos.run("/opt/demo.py") == "body demo\nmain [] [] [] True R\n"


def test_relative_paths_and_bin_names(upyos, rootdir):
    put_file(rootdir, "/opt/rel.py", "import sys\nprint('rel', sys.argv)\n")
    put_file(rootdir, "/bin/hello.py", "def __main__(args):\n    print('hello', *args)\n")
    upyos.run("cd /opt")
    assert upyos.run("rel.py x") == "rel ['/opt/rel.py', 'x']\n"
    assert upyos.run("./rel.py y") == "rel ['/opt/rel.py', 'y']\n"
    assert upyos.run("hello world") == "hello world\n"


def test_a_program_that_ends_with_the_pc_idiom_runs_main_once(upyos, rootdir):
    put_file(rootdir, "/opt/pc.py",
             "def __main__(args):\n    print('once', args)\n"
             "if __name__ == '__main__':\n    __main__(['pc'])\n")
    assert upyos.run("/opt/pc.py z") == "once ['z']\n"


def test_exit_status_from_sys_exit_and_tracebacks(upyos, rootdir):
    put_file(rootdir, "/opt/syn.py", "x = (\n")
    put_file(rootdir, "/opt/tb.py", "def f():\n    return y\n\ndef __main__(args):\n    f()\n")
    put_file(rootdir, "/opt/ex.py", "import sys\nsys.exit(int(sys.argv[1]))\n")
    upyos.run("/opt/ex.py 3")
    assert upyos.run("echo $?") == "3\n"
    upyos.run("/opt/ex.py 0")
    assert upyos.run("echo $?") == "0\n"
    assert upyos.run("/opt/tb.py") == (
        "Traceback (most recent call last):\n"
        '  File "/opt/tb.py", line 5, in __main__\n'
        '  File "/opt/tb.py", line 2, in f\n'
        "NameError: name 'y' is not defined\n")
    assert upyos.run("echo $?") == "1\n"
    out = upyos.run("/opt/syn.py")
    assert out.splitlines()[-1].startswith("SyntaxError")
    assert upyos.run("echo $?") == "1\n"


def test_imports_from_the_program_folder_then_lib(upyos, rootdir):
    put_file(rootdir, "/opt/noimp.py", "import nosuchmodule\n")
    put_file(rootdir, "/opt/app/main.py",
             "import helper, shared, sys\n"
             "print(helper.twice(21), shared.NAME, sys.path[:2])\n")
    put_file(rootdir, "/opt/app/helper.py", "def twice(x):\n    return 2 * x\n")
    put_file(rootdir, "/lib/shared.py", "NAME = 'from lib'\n")
    assert upyos.run("/opt/app/main.py") == "42 from lib ['/opt/app', '/lib']\n"
    out = upyos.run("/opt/noimp.py")
    assert out.splitlines()[-1] == "ModuleNotFoundError: No module named 'nosuchmodule'"


def test_a_program_edits_a_file_relative_to_the_cwd(upyos, rootdir):
    put_file(rootdir, "/opt/prot.py",
             "try:\n    open('/etc/system.conf', 'w')\nexcept OSError as e:\n"
             "    print(type(e).__name__)\n")
    put_file(rootdir, "/opt/edit.py",
             "with open('notes.txt', 'a') as f:\n    f.write('line\\n')\n"
             "print(open('notes.txt').read().count('line'))\n")
    upyos.run("cd /tmp")
    assert upyos.run("/opt/edit.py") == "1\n"
    assert upyos.run("/opt/edit.py") == "2\n"
    assert upyos.run("cat /tmp/notes.txt") == "line\nline\n"
    # the change guard holds for programs too
    assert upyos.run("/opt/prot.py") == "PermissionError\n"


def test_output_and_input_are_the_process_streams(upyos, rootdir):
    put_file(rootdir, "/opt/gen.py", "for i in range(3):\n    print('line', i)\n")
    put_file(rootdir, "/opt/io.py",
             "import sys\nline = input()\nprint(line.upper())\n"
             "print('err', file=sys.stderr)\n")
    assert upyos.run("echo shout | /opt/io.py") == "SHOUT\nerr\n"
    assert upyos.run("echo quiet | /opt/io.py > /tmp/o.txt; cat /tmp/o.txt") == "err\nQUIET\n"
    assert upyos.run("/opt/gen.py | grep 1") == "line 1\n"


BUSY = """\
import time
n = 0
def __main__(args):
    global n
    print('started')
    while True:
        n += 1
"""


def test_background_program_in_ps_killed_in_a_busy_loop(upyos, rootdir):
    put_file(rootdir, "/opt/busy.py", BUSY)
    pid = start_background(upyos, "/opt/busy.py")
    # its Python heap is its memory, from when its thread has made the interpreter
    row = until(lambda: [r for r in ps(upyos) if r["pid"] == pid and r["mem"] >= PY_HEAP])[0]
    assert row["status"] == "R" and row["cmd"] == "/opt/busy.py &"
    start = time.time()
    upyos.send(f"kill {pid}\r")
    upyos.expect(rf"\[{pid}\]\+ Done")
    assert time.time() - start < 2 * SLOW
    upyos.run("echo synced")
    assert pid not in [r["pid"] for r in ps(upyos)]


def test_hold_and_resume_a_busy_program(upyos, rootdir):
    put_file(rootdir, "/opt/tick.py",
             "import time\ndef __main__(args):\n    n = 0\n    while True:\n"
             "        n += 1\n        if n % 200000 == 0:\n"
             "            f = open('/tmp/ticks', 'w'); f.write(str(n)); f.close()\n")
    pid = start_background(upyos, "/opt/tick.py")
    ticks = lambda: upyos.run("cat /tmp/ticks")      # noqa: E731
    assert until(lambda: "No such" not in ticks() and ticks().strip())
    upyos.run(f"hold {pid}")
    assert [r["status"] for r in ps(upyos) if r["pid"] == pid] == ["H"]
    time.sleep(0.3)
    held = ticks()
    time.sleep(0.5)
    assert ticks() == held                            # no progress while held
    upyos.run(f"resume {pid}")
    assert until(lambda: ticks() != held)
    end_jobs(upyos, f"kill {pid}", [pid])


def test_proc_sts_reads_the_status_a_program_polls(upyos, rootdir):
    put_file(rootdir, "/opt/poll.py",
             "import time\ndef __main__(args):\n    while proc.sts != 'S':\n"
             "        time.sleep(0.05)\n")
    pid = start_background(upyos, "/opt/poll.py")
    assert end_jobs(upyos, f"kill {pid}", [pid]) == "synced\n"


def test_ctrl_c_raises_keyboard_interrupt_in_the_foreground_program(upyos, rootdir):
    put_file(rootdir, "/opt/ki2.py", "print('ready')\nwhile True:\n    pass\n")
    put_file(rootdir, "/opt/ki.py",
             "print('ready')\ntry:\n    while True:\n        pass\n"
             "except KeyboardInterrupt:\n    print('caught')\nprint('after')\n")
    upyos.send("/opt/ki.py\r")
    upyos.expect("ready")
    time.sleep(0.2)
    upyos.send("\x03")
    upyos.expect("caught")
    upyos.expect("after")
    upyos.wait_prompt()
    assert upyos.run("echo $?") == "0\n"
    upyos.send("/opt/ki2.py\r")
    upyos.expect("ready")
    time.sleep(0.2)
    upyos.send("\x03")
    upyos.expect("KeyboardInterrupt")
    upyos.wait_prompt()
    assert upyos.run("echo $?") == "1\n"


def test_a_kill_is_not_caught_by_a_handler(upyos, rootdir):
    put_file(rootdir, "/opt/stubborn.py",
             "while True:\n    try:\n        while True:\n            pass\n"
             "    except BaseException:\n        pass\n")
    pid = start_background(upyos, "/opt/stubborn.py")
    time.sleep(0.2)
    assert end_jobs(upyos, f"kill {pid}", [pid]) == "synced\n"


def test_memory_error_in_one_program_leaves_the_others_running(upyos, rootdir):
    put_file(rootdir, "/opt/hog.py",
             "x = []\ntry:\n    while True:\n        x.append('y' * 1000)\n"
             "except MemoryError:\n    x = None\n    print('MemoryError caught')\n"
             "x = []\nwhile True:\n    x.append('z' * 1000)\n")
    # quiet: what a background program prints may come out in the middle of the next command
    put_file(rootdir, "/opt/busy.py", BUSY.replace("    print('started')\n", ""))
    other = start_background(upyos, "/opt/busy.py")
    out = upyos.run("/opt/hog.py", timeout=30)
    assert out.startswith("MemoryError caught\n")
    assert out.splitlines()[-1] == "MemoryError"
    assert upyos.run("echo $?") == "1\n"
    assert [r["status"] for r in ps(upyos) if r["pid"] == other] == ["R"]
    assert upyos.run("echo still here") == "still here\n"
    end_jobs(upyos, f"kill {other}", [other])


RECURSE = """\
def down(n):
    return down(n + 1)
try:
    down(0)
except RecursionError as e:
    print('RecursionError:', e)
"""


def test_deep_recursion_is_a_recursion_error_in_the_foreground_and_background(upyos, rootdir):
    put_file(rootdir, "/opt/deep.py", RECURSE)
    assert upyos.run("/opt/deep.py") == (
        "RecursionError: maximum recursion depth exceeded\n")
    upyos.send("/opt/deep.py &\r")
    upyos.expect("RecursionError: maximum recursion depth exceeded")
    upyos.expect(r"\+ Done")
    assert upyos.run("echo alive") == "alive\n"


DEEP_SOURCE = """\
for text in ["(" * 150 + "1" + ")" * 150, " + ".join(["1"] * 1000)]:
    try:
        print(eval(text))
    except (RecursionError, MemoryError) as e:
        print(type(e).__name__)
"""


def test_deeply_nested_source_is_an_error_not_a_crash(upyos, rootdir):
    # The parser and the compiler recurse over nested source: on a board's small stack and
    # heap that has to end in an exception the program can catch (or compile), never in a
    # fault of the shell's thread.
    put_file(rootdir, "/opt/nested.py", DEEP_SOURCE)
    lines = upyos.run("/opt/nested.py", timeout=30).splitlines()
    assert len(lines) == 2
    for line, value in zip(lines, ["1", "1000"]):
        assert line in (value, "RecursionError", "MemoryError")
    if PORT == "posix":
        assert lines == ["1", "1000"]
    out = upyos.run('< eval("(" * 150 + "1" + ")" * 150)', timeout=30)
    assert out == "1\n" or out.endswith("RecursionError: maximum recursion depth exceeded"
                                          " during compilation\n")
    assert upyos.run("echo alive") == "alive\n"


# ---- `<` and `>` lines ----

def test_lines_in_scripts_share_the_session_namespace(upyos, rootdir):
    put_file(rootdir, "/opt/setup.sh",
             "> import sys\n> conf = {'port': 8080, 'modules': sys.modules}\n"
             "> log = open('/tmp/lines.log', 'w')\n"
             '< f"port {conf[\'port\']}"\n')
    assert upyos.run("sh /opt/setup.sh") == "port 8080\n"
    # the names and the open file outlive the script that made them
    assert upyos.run("> log.write('kept' + chr(10)); log.close()") == ""
    assert upyos.run("cat /tmp/lines.log") == "kept\n"
    assert upyos.run("< conf['port'] + 1") == "8081\n"


def test_ctrl_c_interrupts_a_line_at_the_prompt(upyos):
    upyos.send("> n = 0\\nwhile True: n += 1\r")
    time.sleep(0.3)
    upyos.send("\x03")
    upyos.expect("sh: KeyboardInterrupt")
    upyos.wait_prompt()
    assert upyos.run("< n > 0") == "True\n"
    assert upyos.run("echo $?; echo alive") == "0\nalive\n"


def test_a_memory_error_in_a_line_leaves_the_namespace_usable(upyos):
    assert upyos.run("> keep = 'k'; x = []") == ""
    assert upyos.run("> while True: x.append('y' * 1000)", timeout=30) == "sh: MemoryError\n"
    assert upyos.run("> x = None; import gc; gc.collect()") == ""
    assert upyos.run("< keep, 2 ** 10") == "k 1024\n"


def test_a_line_exits_with_sys_exit_status(upyos):
    assert upyos.run("> import sys; sys.exit(4)") == ""
    assert upyos.run("echo $?") == "4\n"


def test_pyheap_in_system_conf_caps_each_program(boot_with_files):
    c = boot_with_files({"/etc/system.conf": json.dumps({"pyheap": 100000}),
                         "/opt/cap.py": "import gc\nt = gc.mem_free() + gc.mem_alloc()\n"
                                        "print(50000 < t < 100000)\n"
                                        "x = []\ntry:\n    while True: x.append(1)\n"
                                        "except MemoryError:\n    x = None\n"
                                        "    print('capped')\n"})
    assert c.run("/opt/cap.py") == "True\ncapped\n"
    assert c.run("< 50000 < gc.mem_free() + gc.mem_alloc() < 100000") == "True\n"


def test_ctrl_c_on_a_script_stops_the_program_it_runs_and_the_script(upyos, rootdir):
    put_file(rootdir, "/opt/spin.py", "print('spinning')\nwhile True:\n    pass\n")
    put_file(rootdir, "/opt/run.sh", "/opt/spin.py\necho not reached\n")
    upyos.send("sh /opt/run.sh\r")
    upyos.expect("spinning")
    time.sleep(0.2)
    upyos.send("\x03")
    upyos.wait_prompt()
    assert "not reached" not in upyos.child.before   # all it printed after the Ctrl-C
    assert upyos.run("echo alive") == "alive\n"
