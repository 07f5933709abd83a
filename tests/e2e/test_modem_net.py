"""The network through an ESP-AT modem: the board file declares the modem on UART 1 (posix:
the posix-modem board; mps2-an385: its own), which is wired to the modem simulator
(tools/esp_at_sim.py), whose links are real loopback sockets: posix's --uart 1=PATH, QEMU's
UART 1 chardev (run-qemu.sh --uart 1=PATH). Every network command and service runs
unchanged over it (net/esp_at_net.c)."""
import functools
import hashlib
import http.server
import os
import socket
import subprocess
import sys
import threading
import time

import pytest

from board_ctl import BoardCtl
from conftest import PORT, REPO, SLOW, put_file
from netutil import Telnet, free_port, set_password
from procutil import until
from test_net_commands import ntp_responder

pytestmark = pytest.mark.skipif(PORT == "rp2040", reason="the rp2040 runner does not connect "
                                "UART1 to the modem simulator yet")

SIM = os.path.join(REPO, "tools", "esp_at_sim.py")
# the posix simulator is posix-modem to have the modem; the MCU's board file has it
BOARD_ARGS = ["--board", "posix-modem"] if PORT == "posix" else []
BLOB_SIZE = 1 << 20 if PORT == "posix" else 1 << 18     # the MCU's flash image is 2 MB


@pytest.fixture
def modem(boot, tmp_path):
    """(console, fault control) of a posix-modem board wired to a simulated modem, joined."""
    sock, ctl = str(tmp_path / "modem.sock"), str(tmp_path / "ctl.sock")
    sim = subprocess.Popen([sys.executable, SIM, "--listen", sock, "--control", ctl,
                            "--ap", "simnet:secret", "--join-delay", "0.05",
                            *(["--trace", os.environ["MODEM_TRACE"]] if "MODEM_TRACE" in os.environ else [])],
                           stdout=subprocess.PIPE, text=True)
    assert "listening" in sim.stdout.readline()
    c = boot(*BOARD_ARGS, "--uart", "1=" + sock)
    c.wait_prompt()
    faults = BoardCtl(ctl)
    assert c.run("wifi sta connect simnet secret") == "Connected\n"
    yield c, faults
    faults.close()
    sim.terminate()
    sim.wait(timeout=10)


@pytest.fixture
def web(tmp_path):
    """A host HTTP server on loopback serving a file of BLOB_SIZE; (port, its sha256)."""
    srv = tmp_path / "srv"
    srv.mkdir()
    blob = os.urandom(BLOB_SIZE)
    (srv / "blob.bin").write_bytes(blob)
    handler = functools.partial(type("Quiet", (http.server.SimpleHTTPRequestHandler,),
                                     {"log_message": lambda *a: None}), directory=str(srv))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server.server_address[1], hashlib.sha256(blob).hexdigest()
    server.shutdown()


class Stall:
    """A host HTTP server whose /stall.bin sends half of BLOB_SIZE, then waits for the test
    (release) before the rest: a fault the test injects in between falls inside the transfer,
    however fast or slow the machine is."""

    def __init__(self):
        self.half_sent, self.release = threading.Event(), threading.Event()
        stall = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def log_message(self, *a):
                pass

            def do_GET(self):
                self.send_response(200)
                self.send_header("Content-Length", str(BLOB_SIZE))
                self.end_headers()
                try:
                    self.wfile.write(b"x" * (BLOB_SIZE // 2))
                    self.wfile.flush()
                    stall.half_sent.set()
                    stall.release.wait(30)
                    self.wfile.write(b"x" * (BLOB_SIZE - BLOB_SIZE // 2))
                except OSError:
                    pass                          # the board gave up: the fault did its work

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()


@pytest.fixture
def stalling_web():
    stall = Stall()
    yield stall
    stall.release.set()
    stall.server.shutdown()


def sha256_on_board(c, path):
    with open(c.host_path(path), "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def test_join_scan_and_address(modem):
    c, _ = modem
    out = c.run("wifi sta scan")
    assert out.startswith("ESP-AT modem on UART 1 (modem0)\n")
    assert "simnet" in out and "24:0a:c4:aa:bb:00" in out
    out = c.run("ifconfig")
    assert "wlan-sta: connected\n    inet 192.168.4.2 netmask 255.255.255.0 gateway 192.168.4.1" \
        in out
    assert "ether 24:0a:c4:00:00:01" in out
    assert c.run("wifi sta connect simnet wrong") == \
        "Time out waiting connection\nwifi: simnet: wrong password\n"
    assert c.run("wifi sta connect simnet secret") == "Connected\n"
    assert "1 packets received" in c.run("ping -c 1 localhost")


def test_wget_of_a_megabyte_through_the_modem(modem, web, tmp_path):
    """A whole megabyte on every port, as the issue asks: about a minute at the MCU's line
    rate (the fault tests below keep their smaller BLOB_SIZE)."""
    c, _ = modem
    port, _ = web
    mega = os.urandom(1 << 20)
    (tmp_path / "srv" / "mega.bin").write_bytes(mega)
    start = time.time()
    out = c.run(f"wget http://localhost:{port}/mega.bin -O /opt/mega.bin", timeout=300 * SLOW)
    assert "wget:" not in out, out
    assert sha256_on_board(c, "/opt/mega.bin") == hashlib.sha256(mega).hexdigest()
    print(f"{len(mega)} bytes through the modem in {time.time() - start:.2f} s")


def test_ntpupdate_through_the_modem(modem):
    c, _ = modem
    port, stop = ntp_responder("good")
    try:
        assert "Tue 01/Jan/2030 00:00:00" in c.run(f"ntpupdate 127.0.0.1 -p {port}")
    finally:
        stop.set()


def test_telnet_to_the_board_through_the_modem_server(modem):
    c, _ = modem
    set_password(c, "admin", "s3cret")
    port = free_port()
    assert f"utelnetd started on port {port}" in c.run(f"utelnetd start -p {port}")
    t = until(lambda: Telnet(port), timeout=5)
    t.login("admin", "s3cret")
    t.read_until("$: ", timeout=20)       # the password's hash takes seconds on the MCU
    assert t.run("echo through the modem").startswith("through the modem\n")
    t.line("exit")
    t.wait_closed()
    t.close()


def test_lftp_put_and_get_through_the_modem_server(modem, tmp_path):
    c, _ = modem
    port = free_port()
    assert f"uftpd started on port {port}" in c.run(f"uftpd start -p {port}")
    up = tmp_path / "up.bin"
    up.write_bytes(os.urandom(100 * 1024))
    # ESP-AT has one server, the control connection's: data connections go from the board
    # to lftp (active mode, PORT)
    script = ("set net:max-retries 1; set net:timeout 10; set ftp:passive-mode off; "
              f"open -u anon,x ftp://127.0.0.1:{port}; put {up} -o /opt/up.bin; "
              f"get /opt/up.bin -o {tmp_path}/back.bin; bye")
    r = subprocess.run(["lftp", "-c", script], capture_output=True, timeout=60 * SLOW)
    assert r.returncode == 0, r.stderr
    digest = hashlib.sha256(up.read_bytes()).hexdigest()
    assert hashlib.sha256((tmp_path / "back.bin").read_bytes()).hexdigest() == digest
    assert sha256_on_board(c, "/opt/up.bin") == digest


# A Python client through the board's network: select says when the socket may be written
# and read, and the local address is the modem's, not the host's.
FETCH = """\
import socket, select, sys
s = socket.socket()
s.connect(('localhost', int(sys.argv[1])))
print(s.getsockname()[0], select.select([], [s], [], 5)[1] == [s])
s.send(b'GET /small.txt HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n')
p = select.poll()
p.register(s, select.POLLIN)
data = b''
while p.poll(10000):
    chunk = s.recv(700)
    if not chunk:
        break
    data += chunk
s.close()
head, _, body = data.partition(b'\\r\\n\\r\\n')
print(head.split(b'\\r\\n')[0].decode(), len(body), body[-4:-1].decode())
"""


@pytest.fixture
def fetch_program(rootdir):
    """/opt/fetch.py, put before the board boots (the MCU's flash image then holds it)."""
    put_file(rootdir, "/opt/fetch.py", FETCH)


def test_a_python_client_fetches_through_the_modem(fetch_program, modem, web, tmp_path):
    c, _ = modem
    port, _ = web
    text = "".join(f"line {i}\n" for i in range(400))
    (tmp_path / "srv" / "small.txt").write_text(text)
    out = c.run(f"/opt/fetch.py {port}", timeout=30 * SLOW)
    assert out == f"192.168.4.2 True\nHTTP/1.0 200 OK {len(text)} 399\n"


# what wget says when the modem stops answering, resets, garbles a reply, closes the link
# or loses the access point in the middle of a transfer
# (a link the far end or the access point drops says "closed" when the board finds it closed
# while reading, and "I/O error" when the modem refuses the read of the link it has just
# dropped: which comes first depends on where the board's read is)
FAULTS = {"mute": ("I/O error",), "reset": ("I/O error",), "corrupt": ("I/O error",),
          "drop 0": ("closed", "I/O error"), "wifi-drop": ("closed", "I/O error")}


@pytest.mark.parametrize("fault", FAULTS)
def test_a_fault_during_a_transfer_fails_it_and_the_next_command_works(modem, web, stalling_web,
                                                                      fault):
    c, faults = modem
    port, _ = web
    c.send(f"wget http://localhost:{stalling_web.port}/stall.bin -O /opt/blob.bin\r")
    assert stalling_web.half_sent.wait(30 * SLOW)  # the transfer is under way, and waits
    faults.cmd(fault)
    stalling_web.release.set()
    start = time.time()
    out = c.wait_prompt(timeout=15)
    took = time.time() - start
    assert took < 5 * SLOW                # the command's time-out (3 s), not a hang
    print(repr(out[-120:]), f"{took:.2f} s")
    assert "wget: " in out and any(m in out.splitlines()[-1] for m in FAULTS[fault])
    if fault == "mute":
        faults.cmd("unmute")
    out = c.run(f"wget http://localhost:{port}/blob.bin -O /opt/again.bin", timeout=60)
    assert "wget:" not in out, out
