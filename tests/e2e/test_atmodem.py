"""atmodem and AT lines against the ESP-AT modem simulator (tools/esp_at_sim.py), wired to the
posix simulator's UART 1 (--uart 1=PATH) and to its reset pin through the board socket."""
import os
import socket
import subprocess
import sys
import time

import pytest

from board_ctl import BoardCtl
from conftest import REPO, SLOW, put_file
from netutil import free_port
from procutil import until

pytestmark = pytest.mark.posix_only    # QEMU's UART1 is not wired to the simulator yet

SIM = os.path.join(REPO, "tools", "esp_at_sim.py")
NO_MODEM = ("atmodem: no modem: open its UART first (atmodem -c ID BAUD TX RX, or uart ID BAUD "
            "TX RX modem0)\n")
MODEM_INF = """# the modem's script, as upyOS's /etc/modem.inf
echo Connecting WIFI ...
AT
ATE0                     # no echo
AT+CWMODE=1
AT+CWJAP="simnet","secret" 5
AT+CIPSTA?
"""


@pytest.fixture
def modem(boot, rootdir, tmp_path):
    """(console, fault control, board control) of a system wired to a simulated modem."""
    sock, ctl, board = (str(tmp_path / n) for n in ("modem.sock", "ctl.sock", "board.sock"))
    put_file(rootdir, "/etc/modem.inf", MODEM_INF)
    sim = subprocess.Popen([sys.executable, SIM, "--listen", sock, "--control", ctl,
                            "--ap", "simnet:secret", "--board-ctl", board, "--reset-pin", "22"],
                           stdout=subprocess.PIPE, text=True)
    assert "listening" in sim.stdout.readline()
    c = boot("--uart", "1=" + sock, "--board-ctl", board)
    c.wait_prompt()
    faults = BoardCtl(ctl)
    yield c, faults
    faults.close()
    sim.terminate()
    sim.wait(timeout=10)


def status(c):
    return c.run("echo $?")


def open_modem(c):
    assert c.run("atmodem -c 1 115200 4 5 modem0") == ""
    assert c.run("ATE0") == ""


def test_the_init_sequence_of_upyos_joins_the_wifi(modem):
    c, _ = modem
    assert c.run("atmodem -r 22 0.2") == ""            # no UART yet: a pulse and a wait
    assert c.run("atmodem -c 1 115200 4 5 modem0 -v -tm") == "** UART 1 created as modem0\n"
    out = c.run("atmodem AT+UART_CUR=115200,8,1,0,3 -v")
    assert out == ">> AT+UART_CUR=115200,8,1,0,3\n<< AT+UART_CUR=115200,8,1,0,3\n<< OK\n"
    out = c.run("atmodem -f /etc/modem.inf", timeout=15 * SLOW)
    assert out == ('Connecting WIFI ...\nWIFI CONNECTED\nWIFI GOT IP\n'
                   '+CIPSTA:ip:"192.168.4.2"\n+CIPSTA:gateway:"192.168.4.1"\n'
                   '+CIPSTA:netmask:"255.255.255.0"\n')
    assert status(c) == "0\n"
    assert c.run("uart 1 115200 4 5 modem0") == ""   # upyOS's plain form reopens it
    assert c.run("uart") == "UART 1 modem0 115200 baud, tx 4 rx 5\n"
    out = c.run("AT+GMR")
    assert out.startswith("AT version:2.2.0.0(") and "Bin version:2.2.0" in out
    assert c.run('AT+CWJAP? > joined; echo $?') == "0\n"
    assert c.run("echo $joined").startswith('+CWJAP:"simnet"')
    # with its UART open, a reset waits for the modem's "ready", well before the time given
    start = time.time()
    assert c.run("atmodem -r 22 5 -tm") == ""
    assert time.time() - start < 4
    assert c.run("AT+CIPSTA?").startswith('+CIPSTA:ip:"0.0.0.0"')   # the reset left the AP


def test_timings_and_verbose_lines(modem):
    c, _ = modem
    open_modem(c)
    out = c.run("AT -v -tm").splitlines()
    assert out[:2] == [">> AT", "<< OK"]
    assert out[2].startswith("** Cmd: AT: Time: ") and out[2].endswith("ms")


def test_errors_time_outs_and_no_modem_have_their_statuses(modem):
    c, _ = modem
    assert c.run("AT") == NO_MODEM
    assert status(c) == "6\n"
    assert c.run("atmodem AT+GMR") == NO_MODEM
    open_modem(c)
    assert c.run("AT+NOSUCH") == "atmodem: AT+NOSUCH: ERROR\n"
    assert status(c) == "1\n"
    assert c.run('AT+CWJAP="simnet","wrong" 5') == \
        '+CWJAP:2\natmodem: AT+CWJAP="simnet","wrong": ERROR\n'
    assert status(c) == "1\n"
    # atmodem's words are the shell's: single quotes keep the AT command's quotes, and
    # upyOS's \@ for a quote is \\@ past the shell
    assert c.run("atmodem 'AT+CWJAP=\"simnet\",\"secret\"' 5") == "WIFI CONNECTED\nWIFI GOT IP\n"
    assert c.run('atmodem AT+CWJAP=\\\\@simnet\\\\@,\\\\@secret\\\\@ 5') == \
        "WIFI DISCONNECT\nWIFI CONNECTED\nWIFI GOT IP\n"
    # the expected text never comes: the time-out ends it
    assert c.run("AT+GMR 0.5 NEVER").endswith("atmodem: AT+GMR: no answer in 500 ms\n")
    assert status(c) == "5\n"
    assert c.run("AT 0.5 OK") == ""
    # with the echo on, the command's own echo is not the text it waits for
    assert c.run("ATE1") == ""
    assert c.run("AT+CWMODE? 0.5 CWMODE") == "+CWMODE:1\n"
    assert c.run("AT+NOSUCH? 0.5 NOSUCH") == "atmodem: AT+NOSUCH?: ERROR\n"
    assert c.run("atmodem AT x") == "atmodem: x: not a time-out in seconds\n"
    assert c.run("atmodem -q") == "atmodem: unknown option -q (try atmodem --help)\n"
    assert status(c) == "2\n"
    assert c.run("atmodem -r 22") == "atmodem: expected -r GPIO SECONDS\n"
    assert status(c) == "2\n"


def test_async_ipd_inside_a_reply_does_not_end_it(modem):
    c, faults = modem
    open_modem(c)
    # a payload holding "OK" lines arrives between AT+GMR's lines
    assert faults.cmd(r"inject-in-reply \r\n+IPD,0,8:\r\nOK\r\n>!") == "ok"
    out = c.run("AT+GMR -v")
    lines = [line for line in out.splitlines() if line]
    assert lines[0] == ">> AT+GMR"
    assert lines[1].startswith("<< AT version:")
    assert lines[2] == "<< +IPD,0,8:"
    assert "Bin version" in out.split("+IPD")[1]    # the reply went on after the payload
    assert lines[-1] == "<< OK"
    assert status(c) == "0\n"
    # a CLOSED and a WIFI DISCONNECT in the middle are shown and do not end it either
    assert faults.cmd(r"inject-in-reply 0,CLOSED\r\nWIFI DISCONNECT\r\n") == "ok"
    assert c.run("AT+CIPMUX?") == "+CIPMUX:0\n0,CLOSED\nWIFI DISCONNECT\n"


def test_a_modem_that_stops_answering_times_out_and_the_next_command_works(modem):
    c, faults = modem
    open_modem(c)
    assert faults.cmd("mute") == "ok"
    start = time.time()
    assert c.run("AT+GMR 1") == "atmodem: AT+GMR: no answer in 1000 ms\n"
    assert time.time() - start < 3 * SLOW
    assert status(c) == "5\n"
    assert faults.cmd("unmute") == "ok"
    assert c.run("AT") == ""
    assert status(c) == "0\n"
    # a garbled result is no result: the command times out, the next one works
    assert faults.cmd("corrupt") == "ok"
    assert c.run("AT 0.5").endswith("atmodem: AT: no answer in 500 ms\n")
    assert c.run("AT") == ""
    # the modem resets by itself: its ready is heard, the next command works
    assert faults.cmd("reset") == "ok"
    assert c.run("ATE0") == ""
    assert c.run("AT+CWMODE?") == "+CWMODE:1\n"


def join(c):
    open_modem(c)
    assert c.run('AT+CWJAP="simnet","secret" 5') == "WIFI CONNECTED\nWIFI GOT IP\n"


def test_links_are_bridged_to_host_sockets(modem):
    c, faults = modem
    join(c)
    assert c.run("AT+CWLAP") == '+CWLAP:(3,"simnet",-40,"24:0a:c4:aa:bb:00",1,-1,-1,4,4,7,0)\n'
    assert c.run('AT+CIPDOMAIN="localhost"') == '+CIPDOMAIN:"127.0.0.1"\n'
    assert c.run('AT+PING="127.0.0.1"') == "+PING:1\n"
    assert c.run("AT+CIPMUX=1; AT+CIPRECVMODE=1") == ""
    server = socket.socket()
    server.settimeout(10 * SLOW)
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    port = server.getsockname()[1]
    assert c.run(f'AT+CIPSTART=0,"TCP","127.0.0.1",{port} 5') == "0,CONNECT\n"
    peer, _ = server.accept()
    peer.settimeout(10 * SLOW)
    # the data goes after the prompt; SEND OK ends it
    assert c.run("AT+CIPSEND=0,5 2 '>'") == ""
    assert c.run('atmodem hello 5 "SEND OK"') == "Recv 5 bytes\n"
    assert peer.recv(16) == b"hello"
    # passive receive: the modem keeps the bytes until asked
    peer.sendall(b"OK\n>!\n")
    assert until(lambda: c.run("AT+CIPRECVLEN?") == "+CIPRECVLEN:6,0,0,0,0\n")
    assert c.run("AT+CIPRECVDATA=0,100") == "+CIPRECVDATA:6,\nOK\n>!\n"
    assert c.run("AT+CIPCLOSE=0") == "0,CLOSED\n"
    assert peer.recv(16) == b""
    peer.close()
    # a link the far end drops is gone: sending on it is an ERROR, a new one works
    assert c.run(f'AT+CIPSTART=1,"TCP","127.0.0.1",{port} 5') == "1,CONNECT\n"
    peer, _ = server.accept()
    assert faults.cmd("drop 1") == "ok"
    # (its "1,CLOSED" may come before the command or inside its reply)
    assert c.run("AT+CIPSEND=1,4 2 '>'").endswith("atmodem: AT+CIPSEND=1,4: ERROR\n")
    assert status(c) == "1\n"
    assert c.run(f'AT+CIPSTART=1,"TCP","127.0.0.1",{port} 5') == "1,CONNECT\n"
    peer.close()
    server.close()


def test_the_modem_serves_tcp(modem):
    c, _ = modem
    join(c)
    port = free_port()
    assert c.run(f"AT+CIPSERVER=1,{port}") == "atmodem: AT+CIPSERVER=1,%d: ERROR\n" % port
    assert c.run(f"AT+CIPMUX=1; AT+CIPRECVMODE=1; AT+CIPSERVER=1,{port}") == ""
    client = socket.create_connection(("127.0.0.1", port), timeout=5)
    client.sendall(b"ping\n")
    assert until(lambda: c.run("AT+CIPRECVLEN?") == "+CIPRECVLEN:5,0,0,0,0\n")
    assert c.run("AT+CIPRECVDATA=0,5") == "+CIPRECVDATA:5,\nping\n"
    assert c.run("AT+CIPSEND=0,4 2 '>'; atmodem pong 5 'SEND OK'") == "Recv 4 bytes\n"
    assert client.recv(16) == b"pong"
    client.close()
    assert c.run("AT+CIPSERVER=0") == ""


def test_sntp_time_comes_from_the_modem(modem):
    c, _ = modem
    join(c)
    # the expected text ends the command, past the OK
    assert c.run('AT+CIPSNTPCFG=1,0,"pool.ntp.org" 5 +TIME_UPDATED') == "+TIME_UPDATED\n"
    year = time.gmtime().tm_year
    assert c.run("AT+CIPSNTPTIME?").startswith("+CIPSNTPTIME:")
    assert c.run("AT+CIPSNTPTIME?").endswith(f" {year}\n")


def test_the_simulator_says_busy_to_a_command_sent_during_another(tmp_path):
    path = str(tmp_path / "modem.sock")
    sim = subprocess.Popen([sys.executable, SIM, "--listen", path, "--ap", "simnet:secret",
                            "--join-delay", "1"], stdout=subprocess.PIPE, text=True)
    try:
        assert "listening" in sim.stdout.readline()
        s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        s.connect(path)
        s.settimeout(10 * SLOW)
        s.sendall(b'ATE0\r\n')
        got = b""
        while not got.endswith(b"OK\r\n"):
            got += s.recv(256)
        s.sendall(b'AT+CWJAP="simnet","secret"\r\nAT\r\n')
        got = b""
        while not got.endswith(b"WIFI GOT IP\r\n\r\nOK\r\n"):
            got += s.recv(256)
        assert got.endswith(b"busy p...\r\nWIFI CONNECTED\r\nWIFI GOT IP\r\n\r\nOK\r\n")
        s.close()
    finally:
        sim.terminate()
        sim.wait(timeout=10)


SDATA_MODEM = """\
import sdata, time
m = sdata.modem0
print(m, m is sdata.modem0)
m.write(b"AT+GMR\\r\\n")
got = b""
deadline = time.ticks_add(time.ticks_ms(), 5000)
while b"OK\\r\\n" not in got and time.ticks_diff(deadline, time.ticks_ms()) > 0:
    if m.any():
        got += m.read()
    else:
        time.sleep_ms(10)
print(b"AT version:" in got, got.endswith(b"OK\\r\\n"))
try:
    m.init(9600)
except OSError as e:
    print("OSError", e)
try:
    sdata.modem9
except AttributeError:
    print("no modem9")
m.deinit()
"""


def test_a_program_reaches_the_named_uart_as_sdata(modem, rootdir):
    """upyOS's programs talk to the modem through sdata.modem0, the UART `atmodem -c` named;
    the program's end (and its deinit) leaves it open for the shell."""
    c, _ = modem
    open_modem(c)
    put_file(rootdir, "/opt/gmr.py", SDATA_MODEM)
    out = c.run("/opt/gmr.py", timeout=15 * SLOW)
    assert out == ("UART(1) True\nTrue True\n"
                   "OSError UART(1) is the system's: set it up with the uart command\n"
                   "no modem9\n"), out
    assert c.run("AT+GMR").startswith("AT version:")     # still open for the shell
