"""Background jobs and process control: &, $!, ps, kill, hold, resume, killall, wait, Ctrl-C.

A job that ends on its own prints "[pid]+ Done" whenever it ends, even between a typed line and
its prompt; so jobs here either outlive the test or end while the shell waits for them."""
import re
import time

import pytest

from conftest import SLOW
from netutil import start_service
from procutil import drain, end_jobs, install, pids_of, ps, start_background, until

# Tests that run program modules: the MCU port cannot load them yet (ports/mps2-an385/loader.c).
MODULES = pytest.mark.posix_only

HEADER = "  Proc Sts    Init_T       Elapsed   Thread_Id   Cmd/Args"


def test_background_job_prints_its_pid_and_dollar_bang_keeps_it(upyos):
    pid = start_background(upyos, "sleep 30")
    assert upyos.run("echo $!") == f"{pid}\n"
    rows = {r["pid"]: r for r in ps(upyos)}
    assert rows[pid]["cmd"] == "sleep 30 &" and rows[pid]["status"] == "R"
    assert rows[pid]["mem"] > 0


def test_ps_columns_and_elapsed_time(upyos):
    out = upyos.run("ps")
    assert out.splitlines()[0] == HEADER
    pid = start_background(upyos, "sleep 30")
    time.sleep(1.3)
    rows = {r["pid"]: r for r in ps(upyos)}
    me = rows[pid]
    assert me["days"] == 0 and me["elapsed"] in ("00:00:01", "00:00:02")
    assert re.fullmatch(r"\d\d:\d\d:\d\d", me["start"])
    shell = [r for r in rows.values() if r["cmd"] == "sh"][0]
    assert me["thread"] != shell["thread"]          # a thread of its own
    ps_row = [r for r in rows.values() if r["cmd"] == "ps -m"][0]
    assert ps_row["thread"] == shell["thread"]      # foreground: the shell's thread
    assert me["mem"] >= 4096 > shell["mem"]         # its own stack counts


def test_kill_a_process_blocked_in_sleep(upyos):
    pid = start_background(upyos, "sleep 30")
    time.sleep(0.3)                                 # well inside its sleep
    start = time.time()
    upyos.send(f"kill {pid}\r")
    upyos.expect(rf"\[{pid}\]\+ Done")
    # a sleep wakes for a stop at once, not at the end of some slice of its wait
    assert time.time() - start < 0.6 * SLOW
    upyos.run("echo synced")
    assert pid not in [r["pid"] for r in ps(upyos)]
    assert upyos.run(f"kill {pid}") == f"kill: {pid}: no such process\n"
    assert upyos.run("kill 1") == "kill: 1: is the shell running this command\n"
    assert upyos.run("kill x") == "kill: x: not a process id\n"


@MODULES
def test_kill_a_process_blocked_reading_a_pipe(upyos):
    install(upyos.root, "reader")
    job = start_background(upyos, "sleep 30 | /opt/reader")
    reader = until(lambda: pids_of(upyos, "/opt/reader")[-1:] and
                   [r["pid"] for r in ps(upyos) if r["cmd"] == "/opt/reader"])
    assert reader, "the reader stage never showed up in ps"
    upyos.run(f"kill {reader[0]}")
    upyos.expect("reader: 0 bytes, stopped")
    assert until(lambda: reader[0] not in [r["pid"] for r in ps(upyos)], timeout=3)
    assert job in [r["pid"] for r in ps(upyos)]      # the sleep stage still runs
    end_jobs(upyos, f"kill {job}", [job])
    assert not pids_of(upyos, "sleep")


@MODULES
def test_hold_pauses_output_and_resume_continues(upyos):
    install(upyos.root, "thr_test")
    pid = start_background(upyos, "/opt/thr_test 0.2")
    upyos.expect("tick 3")
    upyos.send(f"hold {pid}\r")
    time.sleep(0.5)                                 # a tick may be on its way
    before = drain(upyos, 0.3)
    held = drain(upyos, 1.2)
    assert "tick" not in held, held
    rows = {r["pid"]: r for r in ps(upyos)}
    assert rows[pid]["status"] == "H"
    last = max(int(n) for n in re.findall(r"tick (\d+)", "tick 3 " + before))
    upyos.send(f"resume {pid}\r")
    upyos.expect(rf"thr_test {pid}: tick {last + 1}\b", timeout=3)
    upyos.expect(rf"tick {last + 2}\b", timeout=3)
    upyos.send(f"kill {pid}\r")
    upyos.expect(rf"\[{pid}\]\+ Done")


def test_killall_by_substring(upyos):
    a = start_background(upyos, "sleep 30")
    b = start_background(upyos, "sleep 31")
    c = start_background(upyos, "sleep 45")
    end_jobs(upyos, "killall 'sleep 3'", [a, b])
    assert not {a, b} & {r["pid"] for r in ps(upyos)}
    assert c in [r["pid"] for r in ps(upyos)]
    assert upyos.run("killall nothing-like-this") == "killall: nothing-like-this: no process matches\n"
    assert upyos.run("echo $?") == "1\n"
    end_jobs(upyos, "killall", [c])                 # everything but the shell and itself
    assert [r["cmd"] for r in ps(upyos)] == ["sh", "ps -m"]


def test_wait_for_one_and_for_all(upyos):
    pid = start_background(upyos, "sleep 2")
    start = time.time()
    upyos.run(f"wait {pid}", timeout=5)
    assert time.time() - start >= 1.0
    assert pid not in [r["pid"] for r in ps(upyos)]
    start_background(upyos, "sleep 1.5")
    start_background(upyos, "sleep 2.5")
    start = time.time()
    upyos.run("wait", timeout=5)
    assert time.time() - start >= 1.5
    assert not pids_of(upyos, "sleep")
    assert upyos.run("wait 4242") == "wait: 4242: no such process\n"


@MODULES
def test_ctrl_c_stops_a_foreground_wait_and_a_foreground_program(upyos):
    pid = start_background(upyos, "sleep 30")
    upyos.send(f"wait {pid}\r")
    time.sleep(0.3)
    upyos.send("\x03")
    upyos.wait_prompt(timeout=3)
    assert pid in [r["pid"] for r in ps(upyos)]     # Ctrl-C stopped wait, not the job
    install(upyos.root, "thr_test")
    upyos.send("/opt/thr_test 0.2\r")
    upyos.expect("tick 2")
    start = time.time()
    upyos.send("\x03")
    upyos.wait_prompt(timeout=3)
    assert time.time() - start < 2 * SLOW
    assert upyos.run("echo $?") == "130\n"
    assert not pids_of(upyos, "thr_test")


def test_twenty_background_processes_at_once(upyos):
    pids = [start_background(upyos, f"sleep {20 + i}") for i in range(20)]
    rows = ps(upyos)
    assert {r["pid"] for r in rows if r["cmd"].startswith("sleep")} == set(pids)
    assert len({r["thread"] for r in rows}) == 21   # 20 jobs and the shell
    end_jobs(upyos, "killall sleep", pids)
    assert not pids_of(upyos, "sleep")
    # the table has room again
    pid = start_background(upyos, "sleep 0.1")
    assert pid > max(pids)


def paused_then_going(c, pid, pattern):
    """Holds pid, checks nothing matching pattern comes for a second, resumes, returns the
    numbers seen before and after."""
    c.send(f"hold {pid}\r")
    time.sleep(0.4)
    before = drain(c, 0.3)
    held = drain(c, 1.0)
    assert not re.search(pattern, held), held
    c.send(f"resume {pid}\r")
    c.expect(pattern, timeout=3)
    return before


@MODULES
def test_busy_programs_obey_hold_through_their_writes_or_their_checks(upyos):
    install(upyos.root, "chatter")
    install(upyos.root, "spin")
    pid = start_background(upyos, "/opt/chatter 150")
    upyos.expect("chatter 5")
    paused_then_going(upyos, pid, r"chatter \d+")   # only its writes are hold points
    upyos.send(f"kill {pid}\r")                     # ... and not stop points: it runs out
    upyos.expect("chatter 150", timeout=10)
    upyos.expect(rf"\[{pid}\]\+ Done")
    pid = start_background(upyos, "/opt/spin")
    upyos.expect("spin 3")
    paused_then_going(upyos, pid, r"spin \d+")
    upyos.send(f"kill {pid}\r")
    upyos.expect("spin: stopped")
    end_jobs(upyos, "", [pid])
    assert not pids_of(upyos, "/opt/")


def test_each_shell_keeps_its_own_last_background_pid(upyos):
    """$! belongs to the shell that started the job: a script's jobs leave the prompt's alone."""
    with open(upyos.root + "/opt/bg.sh", "w") as f:
        f.write("sleep 5 &\necho inner $!\n")
    first = upyos.run("sleep 5 &").strip().strip("[]")
    assert first.isdigit()
    inner = re.fullmatch(r"\[(\d+)\]\ninner (\d+)\n", upyos.run("sh /opt/bg.sh"))
    assert inner and inner.group(1) == inner.group(2) != first
    assert upyos.run("echo $!") == f"{first}\n"


def test_a_full_process_table_leaves_the_console_able_to_recover(upyos):
    pids, refusal = [], ""
    for _ in range(32):                       # more than the table holds
        upyos.send("sleep 86400 &\r")
        if upyos.child.expect([r"\[(\d+)\](?!\+)", r"sh: too many processes[^\r\n]*"]) == 1:
            refusal = upyos.child.match.group(0)
            upyos.wait_prompt()
            break
        pids.append(int(upyos.child.match.group(1)))
        upyos.wait_prompt()
    assert refusal == "sh: too many processes (limit 32)"
    # the console still runs ps, kill and killall, in a pipeline too
    assert set(pids_of(upyos, "sleep 86400")) == set(pids)
    assert "sleep 86400" in upyos.run("ps | grep sleep")
    end_jobs(upyos, f"kill {pids[0]}", pids[:1])
    end_jobs(upyos, "killall sleep", pids[1:])
    assert not pids_of(upyos, "sleep")
    start_background(upyos, "sleep 0.1")


@pytest.mark.posix_only                   # needs a network service
def test_wait_without_a_pid_waits_for_the_shells_own_jobs_only(upyos):
    start_service(upyos, "uhttpd")          # a background daemon
    start_background(upyos, "sleep 0.5")
    start = time.time()
    upyos.run("wait", timeout=5)
    assert time.time() - start >= 0.3
    assert "uhttpd running" in upyos.run("uhttpd status")
