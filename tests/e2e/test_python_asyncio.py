"""asyncio programs on the system: the blinker demo (/opt/ablink.py) measured on the virtual
board through its control socket (--board-ctl), hold, resume and kill, nothing left behind;
an idle program that costs no CPU; a task woken by a pin interrupt's handler; and on every
port, tasks, events, locks and timeouts in a program's own heap, and the blinker's hold,
resume and kill."""
import re
import socket
import time

import pytest

from board_ctl import boot_with_board
from conftest import GPIO_OUT, SLOW, put_file
from netutil import free_port
from procutil import drain, end_jobs, ps, start_background, start_background_saying, until

posix_only = pytest.mark.posix_only   # the virtual board's control socket, the host's /proc


@pytest.fixture
def booted(boot, tmp_path, rootdir):
    c, board = boot_with_board(boot, tmp_path)
    yield c, board, rootdir
    board.close()


def rises(board, seconds):
    """How many times each pin went high during the next `seconds` (the board's event record
    sees every 5 ms pulse, which a `wait pin` on a loaded host may miss)."""
    while board.cmd("events") != "ok":
        pass
    time.sleep(seconds)
    counts = {}
    while True:                        # a reply carries 64 events at most
        events = board.cmd("events").split()[1:]
        if not events:
            return counts
        for event in events:
            pin, level = event.split("=")
            if level == "1":
                counts[int(pin)] = counts.get(int(pin), 0) + 1


def allocated(c):
    return int(re.search(r"Alloc\.: +(\d+)", c.run("free")).group(1))


@posix_only
def test_the_asyncio_blinker_blinks_two_pins_pauses_resumes_and_ends(booted):
    c, board, root = booted
    # the shell's first job grows its own tables: measure after one
    first = start_background(c, "/opt/ablink.py 20 300 21 60")
    end_jobs(c, f"kill {first}", [first])
    before = allocated(c)
    pid = start_background(c, "/opt/ablink.py 20 300 21 60")
    # a cycle is the period off plus 5 ms on: in 3 s, 9.8 cycles of pin 20 and 46 of pin 21
    # (fewer when the host is loaded: the program's sleeps only get longer)
    counts = rises(board, 3)
    assert 8 / SLOW <= counts.get(20, 0) <= 11, counts
    assert 30 / SLOW <= counts.get(21, 0) <= 47, counts
    assert [r["status"] for r in ps(c) if r["pid"] == pid] == ["R"]
    c.run(f"hold {pid}")
    assert [r["status"] for r in ps(c) if r["pid"] == pid] == ["H"]
    # held at its next wait: from then on neither pin changes
    assert until(lambda: not rises(board, 0.3), timeout=3)
    assert rises(board, 0.7) == {}
    c.run(f"resume {pid}")
    assert until(lambda: rises(board, 0.7).get(20), timeout=3)
    assert rises(board, 0.5).get(21, 0) >= 3
    end_jobs(c, f"kill {pid}", [pid])
    # the tasks were cancelled: their finally clauses switched the LEDs off
    assert board.cmd("get pin 20") == "ok 0 out"
    assert board.cmd("get pin 21") == "ok 0 out"
    assert not [r for r in ps(c) if "ablink" in r["cmd"]]
    # its interpreter's arena (pyheap, megabytes here) went back; the shell's record of the
    # lines typed meanwhile is what may grow
    assert abs(allocated(c) - before) < 4096


IDLE = """\
import asyncio
async def sleeper(n):
    await asyncio.sleep(n)
async def main():
    print("idle")
    await asyncio.gather(sleeper(30), sleeper(40))
asyncio.run(main())
"""


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / 100      # utime + stime, in clock ticks


@posix_only
def test_an_idle_asyncio_program_blocks_in_the_kernel(booted):
    c, board, root = booted
    put_file(root, "/opt/idle.py", IDLE)
    pid = start_background_saying(c, "/opt/idle.py", "idle")
    host = c.child.pid
    start = cpu_seconds(host)
    time.sleep(2)
    # the whole simulator, shell and program, over two seconds: a loop polling its tasks
    # would take the better part of them
    assert cpu_seconds(host) - start < 0.3 * SLOW
    end_jobs(c, f"kill {pid}", [pid])


WOKEN = """\
import asyncio
from machine import Pin
async def main():
    ev = asyncio.Event()
    Pin(7, Pin.IN).irq(lambda p: ev.set(), Pin.IRQ_RISING)
    Pin(8, Pin.OUT).on()                 # armed: the test raises pin 7 now
    print("woken", await asyncio.wait_for(ev.wait(), 10))
asyncio.run(main())
"""


@posix_only
def test_a_pin_interrupt_handler_wakes_a_waiting_task(booted):
    c, board, root = booted
    put_file(root, "/opt/woken.py", WOKEN)
    c.send("/opt/woken.py\r")
    assert board.cmd("wait pin 8 1 10000") == "ok"
    assert board.cmd("set pin 7 1") == "ok"
    c.expect("woken True")
    c.wait_prompt()


@posix_only
def test_ctrl_c_reaches_a_waiting_asyncio_program(booted):
    c, board, root = booted
    put_file(root, "/opt/wait.py", "import asyncio\n"
             "async def main():\n"
             "    try:\n        await asyncio.Event().wait()\n"
             "    finally:\n        print('cleaned up')\n"
             "print('waiting')\nasyncio.run(main())\n")
    c.send("/opt/wait.py\r")
    c.expect("waiting")
    time.sleep(0.3)
    c.send("\x03")
    c.expect("cleaned up")
    c.expect("KeyboardInterrupt")
    c.wait_prompt()


PROGRAM = """\
import uasyncio as asyncio
log = []
async def worker(name, ev, lock):
    await ev.wait()
    async with lock:
        log.append(name)
        await asyncio.sleep_ms(10)
    return name.upper()
async def slow():
    try:
        await asyncio.sleep(10)
    finally:
        log.append("slow cancelled")
async def main():
    ev, lock = asyncio.Event(), asyncio.Lock()
    tasks = [asyncio.create_task(worker(n, ev, lock)) for n in "abc"]
    await asyncio.sleep_ms(20)
    ev.set()
    print(await asyncio.gather(*tasks))
    try:
        await asyncio.wait_for(slow(), 0.05)
    except asyncio.TimeoutError:
        print("timed out", log)
asyncio.run(main())
"""


def test_tasks_events_locks_and_timeouts_in_a_program(upyos, rootdir):
    put_file(rootdir, "/opt/tasks.py", PROGRAM)
    assert upyos.run("/opt/tasks.py") == (
        "['A', 'B', 'C']\ntimed out ['a', 'b', 'c', 'slow cancelled']\n")


def status_of(c, pid):
    return [r["status"] for r in ps(c) if r["pid"] == pid]


def test_the_blinker_holds_resumes_and_ends_on_every_port(upyos):
    first = start_background(upyos, f"/opt/ablink.py {GPIO_OUT} 50")
    end_jobs(upyos, f"kill {first}", [first])
    before = allocated(upyos)
    pid = start_background(upyos, f"/opt/ablink.py {GPIO_OUT} 50")
    assert status_of(upyos, pid) == ["R"]
    upyos.run(f"hold {pid}")
    assert status_of(upyos, pid) == ["H"]
    upyos.run(f"resume {pid}")
    assert status_of(upyos, pid) == ["R"]
    end_jobs(upyos, f"kill {pid}", [pid])
    assert status_of(upyos, pid) == []
    assert abs(allocated(upyos) - before) < 4096


THREADS = """\
import _thread, time
lock = _thread.allocate_lock()
done = []
def worker(name, n, delay=0.01):
    for i in range(n):
        with lock:
            done.append((name, i))
        time.sleep(delay)
    print(name, "own ident", _thread.get_ident() != main_id)
main_id = _thread.get_ident()
_thread.start_new_thread(worker, ("a", 3))
_thread.start_new_thread(worker, ("b", 3), {"delay": 0.02})
start = time.ticks_ms()
while len(done) < 6 and time.ticks_diff(time.ticks_ms(), start) < 10000:
    time.sleep(0.01)
time.sleep(0.2)
print(sorted(done))
other = _thread.allocate_lock()
print(other.acquire(), other.acquire(False), other.acquire(True, 0.05), other.locked())
other.release()
print(other.locked())
def fails():
    raise ValueError("in a thread")
_thread.start_new_thread(fails, ())
time.sleep(0.2)
print("main goes on")
"""


def test_threads_share_the_program_and_take_turns(upyos, rootdir):
    put_file(rootdir, "/opt/threads.py", THREADS)
    out = upyos.run("/opt/threads.py")
    # Which worker finishes first is the scheduler's choice (b sleeps longer, but a loaded
    # machine may wake a late): each says its line once.
    idents, rest = out.split("\n", 2)[:2], out.split("\n", 2)[2]
    assert sorted(idents) == ["a own ident True", "b own ident True"], out
    assert rest.startswith("[('a', 0), ('a', 1), ('a', 2), ('b', 0), ('b', 1), ('b', 2)]\n"
                           "True False False True\nFalse\n"
                           "Unhandled exception in thread started by <function fails"), out
    assert out.endswith("ValueError: in a thread\nmain goes on\n"), out


def test_the_ticker_thread_is_a_process_held_resumed_and_killed_with_its_program(upyos):
    first = start_background_saying(upyos, "/opt/ticker.py 0.2", "tick 1")
    end_jobs(upyos, f"kill {first}", [first])
    before = allocated(upyos)
    pid = start_background_saying(upyos, "/opt/ticker.py 0.2", "tick 1")
    rows = [r for r in ps(upyos) if "ticker" in r["cmd"]]
    assert len(rows) == 2 and rows[0]["pid"] == pid, rows      # the program and its thread
    thread = rows[1]["pid"]
    upyos.expect("tick 3")
    upyos.run(f"hold {pid}")
    assert status_of(upyos, pid) == ["H"]
    drain(upyos, 0.3)
    assert "tick" not in drain(upyos, 0.6)
    upyos.run(f"resume {pid}")
    upyos.expect("tick")
    end_jobs(upyos, f"kill {pid}", [pid])
    assert status_of(upyos, pid) == [] and status_of(upyos, thread) == []
    assert abs(allocated(upyos) - before) < 4096


# Threads that allocate, then sleep most of the time, as the program's own thread does: a
# kill finds them all sleeping and wakes them together, each without the turn (the first
# kill of the ticker demo's test once brought two of them into the interpreter at once).
CHURN = """\
import _thread, time
def churn(k):
    n = 0
    while True:
        junk = [str(i) * k for i in range(8)]
        n += 1
        print("churning", k, n)
        time.sleep(0.3)
for k in (1, 2, 3):
    _thread.start_new_thread(churn, (k,))
while True:
    junk = {i: str(i) for i in range(8)}
    time.sleep(60)
"""


def test_threads_that_allocate_are_held_resumed_and_killed_again_and_again(upyos, rootdir):
    put_file(rootdir, "/opt/churn.py", CHURN)
    first = start_background_saying(upyos, "/opt/churn.py", "churning 3 1")
    end_jobs(upyos, f"kill {first}", [first])
    before = allocated(upyos)
    end = time.time() + 30 * SLOW
    for _ in range(10):
        pid = start_background_saying(upyos, "/opt/churn.py", "churning 3 1")
        upyos.run(f"hold {pid}")
        upyos.run(f"resume {pid}")
        upyos.expect(r"churning \d \d+")           # they run again, then sleep
        end_jobs(upyos, f"kill {pid}", [pid])
        assert not [r for r in ps(upyos) if "churn" in r["cmd"]]
        if time.time() > end:
            break
    assert abs(allocated(upyos) - before) < 4096


AECHO = """\
import asyncio, machine, sys
async def blink(pin, period_ms):
    led = machine.Pin(pin, machine.Pin.OUT)
    while True:
        led.on(); await asyncio.sleep_ms(5)
        led.off(); await asyncio.sleep_ms(period_ms)
async def echo(reader, writer):
    while True:
        line = await reader.readline()
        if not line:
            break
        writer.write(line)
        await writer.drain()
    writer.close()
async def main():
    asyncio.create_task(blink(20, 60))
    server = await asyncio.start_server(echo, '127.0.0.1', int(sys.argv[1]))
    print('aecho listening')
    await server.serve_forever()
asyncio.run(main())
"""


def echo_line(client, text):
    client.sendall(text)
    got = b""
    while not got.endswith(b"\n"):
        part = client.recv(256)
        if not part:
            break
        got += part
    return got


@posix_only
def test_an_asyncio_echo_server_serves_two_clients_while_a_task_blinks(booted):
    c, board, root = booted
    port = free_port()
    put_file(root, "/opt/aecho.py", AECHO)
    pid = start_background_saying(c, f"/opt/aecho.py {port}", "aecho listening")
    first = socket.create_connection(("127.0.0.1", port), timeout=5 * SLOW)
    second = socket.create_connection(("127.0.0.1", port), timeout=5 * SLOW)
    first.sendall(b"one ")                    # a line half sent does not stop the others
    assert echo_line(second, b"two\n") == b"two\n"
    assert echo_line(first, b"line\n") == b"one line\n"
    # a cycle is 60 ms off plus 5 ms on: 30 in 2 s, fewer on a loaded host
    counts = rises(board, 2)
    assert 20 / SLOW <= counts.get(20, 0) <= 32, counts
    assert c.run("echo the shell answers") == "the shell answers\n"
    assert echo_line(first, b"still\n") == b"still\n"
    assert end_jobs(c, f"kill {pid}", [pid]) == "synced\n"
    assert first.recv(64) == b""              # its connections end with it
    first.close()
    second.close()
    try:                                      # and its port is free
        socket.create_connection(("127.0.0.1", port), timeout=5 * SLOW).close()
        refused = False
    except ConnectionRefusedError:
        refused = True
    assert refused
