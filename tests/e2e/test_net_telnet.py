"""utelnetd with a socket-level telnet client: negotiation, sessions, login, Ctrl-C."""
import json
import time

import pytest

from conftest import SLOW
from netutil import (DO, ECHO, IAC, IP, NAWS, SGA, WILL, Telnet, boot_locked,
                     set_password, start_service)
from procutil import until

# The MCU port has no network interface yet: these run on the simulator.
pytestmark = pytest.mark.posix_only


@pytest.fixture
def telnet(upyos):
    port = start_service(upyos, "utelnetd")
    clients = []

    def connect(**kw):
        c = Telnet(port, **kw)
        clients.append(c)
        return c

    connect.port = port
    yield connect
    for c in clients:
        c.close()


def test_negotiates_echo_sga_and_naws_then_gives_a_shell(telnet):
    t = telnet()
    banner = t.read_until("$: ")
    assert (WILL, ECHO) in t.options and (WILL, SGA) in t.options and (DO, NAWS) in t.options
    assert "No password is set" in banner
    assert "hello world" in t.run("echo hello world")


def test_option_sequences_never_reach_the_shell(telnet):
    t = telnet()
    t.read_until("$: ")
    # an unknown option request, a subnegotiation and a NOP in the middle of a line
    t.send(bytes([IAC, DO, 99]) + b"echo a" + bytes([IAC, 250, 24, 1, 2, 3, IAC, 240])
           + b"b" + bytes([IAC, 241]) + b"c\r\n")
    out = t.read_until("$: ")
    assert "abc" in out
    assert (252, 99) in t.options          # WONT 99: refused, not ignored


def test_several_clients_each_with_their_own_shell(telnet):
    a, b = telnet(), telnet()
    a.read_until("$: ")
    b.read_until("$: ")
    a.run("cd /etc")
    assert "/etc" in a.run("pwd")
    assert "/etc" not in b.run("pwd")
    # a long command in one session does not block the other
    a.line("sleep 3")
    start = time.time()
    assert "from b" in b.run("echo from b")
    assert time.time() - start < 2 * SLOW
    a.read_until("$: ", timeout=6)


def test_ctrl_c_and_interrupt_process_stop_only_that_sessions_command(telnet):
    a, b = telnet(), telnet()
    a.read_until("$: ")
    b.read_until("$: ")
    b.line("sleep 30")
    for interrupt in (b"\x03", bytes([IAC, IP])):
        a.line("sleep 30")
        a.read_until("sleep 30\r\n")
        time.sleep(0.3)
        start = time.time()
        a.send(interrupt)
        a.read_until("$: ", timeout=3)
        assert time.time() - start < 2 * SLOW
    # b's command still runs: its prompt has not come back
    with pytest.raises(TimeoutError):
        b.read_until("$: ", timeout=0.5)
    b.send(b"\x03")
    b.read_until("$: ")


def test_exit_ends_only_that_session(upyos, telnet):
    t = telnet()
    t.read_until("$: ")
    t.line("exit")
    assert t.wait_closed()
    assert "still here" in upyos.run("echo still here")
    t2 = telnet()
    t2.read_until("$: ")


def test_stop_closes_sessions_and_frees_the_port(upyos, telnet):
    t = telnet()
    t.read_until("$: ")
    assert "utelnetd stopped" in upyos.run("utelnetd stop")
    assert t.wait_closed()
    assert "telnet" not in upyos.run("ps")
    start_service(upyos, "utelnetd", telnet.port)


def test_second_start_and_bad_port_are_errors(upyos, telnet):
    assert "already running" in upyos.run(f"utelnetd start -p {telnet.port}")
    assert "not a port number" in upyos.run("utelnetd start -p 99999")


@pytest.fixture
def locked(boot):
    return boot_locked(boot, "admin", "s3cret", "utelnetd")[1][0]


def test_login_is_required_once_a_password_is_set(locked):
    t = Telnet(locked)
    t.login("admin", "s3cret")
    t.read_until("$: ")
    assert "ok" in t.run("echo ok")


def test_password_is_masked(locked):
    t = Telnet(locked)
    t.login("admin", "s3cret")
    shown = t.read_until("$: ")
    assert "s3cret" not in shown and "******" in shown


def test_three_wrong_passwords_close_and_later_attempts_are_slowed(locked):
    t = Telnet(locked)
    for _ in range(3):
        t.login("admin", "wrong")
        t.read_until("Login incorrect")     # raises unless the refusal is said
    assert t.wait_closed()
    # the next attempt from this address waits before its password is checked
    t2 = Telnet(locked)
    t2.read_until("Login: ", timeout=10)
    t2.line("admin")
    t2.read_until("Password: ")
    start = time.time()
    t2.line("s3cret")
    t2.read_until("$: ", timeout=10)
    assert time.time() - start >= 0.9


def test_a_shell_command_cannot_be_reached_without_login(locked):
    t = Telnet(locked)
    t.read_until("Login: ")
    t.line("echo leaked")
    t.read_until("Password: ")
    t.line("x")
    out = t.read_until("Login: ", timeout=10)
    assert "leaked" not in out.replace("echo leaked", "")


def sessions_in(console):
    """The telnet session processes ps shows (one per connection)."""
    return [l for l in console.run("ps").splitlines() if "utelnetd 127.0.0.1:" in l]


def test_a_session_whose_shell_ended_closes_though_input_keeps_coming(upyos, telnet):
    # more input than the terminal holds, after the shell has gone: on every slot
    for _ in range(4):
        t = telnet()
        t.read_until("$: ")
        t.send("exit\r\n" + "x" * 4096)
        assert t.wait_closed()
    assert until(lambda: not sessions_in(upyos))
    t = telnet()
    t.read_until("$: ")
    assert "ok" in t.run("echo ok")



def test_an_unfinished_login_is_closed_after_the_grace_time(boot_with_files):
    c = boot_with_files({"/etc/system.conf": json.dumps({"login_grace": 2})})
    set_password(c, "admin", "s3cret")
    port = start_service(c, "utelnetd")
    t = Telnet(port)
    t.read_until("Login: ")
    start = time.time()
    while not t.closed and time.time() - start < 10 * SLOW:
        t.send("a")                      # typing does not extend the grace time
        t.wait_closed(timeout=0.3)
    assert t.closed and "Login timed out" in t.text.decode(errors="replace")
    assert time.time() - start >= 1.5
    assert until(lambda: not sessions_in(c))


def test_idle_connections_cannot_hold_every_slot(locked):
    idle = [Telnet(locked) for _ in range(4)]       # connected, never logging in
    for t in idle:
        t.read_until("Login: ")
    t = Telnet(locked)
    t.login("admin", "s3cret")                      # not "Too many sessions"
    t.read_until("$: ")
    assert "ok" in t.run("echo ok")
    assert sum(i.wait_closed(timeout=1) for i in idle) == 1   # one made room, the oldest


def test_a_job_that_outlives_its_session_writes_into_nothing(upyos, telnet):
    t = telnet()
    t.read_until("$: ")
    t.line("sleep 0.5 &")                # prints "Done" on the session's terminal when it ends
    t.read_until("$: ")
    t.line("exit")
    assert t.wait_closed()
    assert until(lambda: "sleep 0.5" not in upyos.run("ps"))
    assert upyos.run("echo ok") == "ok\n"
