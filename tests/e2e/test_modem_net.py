"""The network through an ESP-AT modem: the posix-modem board declares the modem on UART 1,
which is wired to the modem simulator (tools/esp_at_sim.py), whose links are real loopback
sockets. Every network command and service runs unchanged over it (net/esp_at_net.c)."""
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
from conftest import REPO, SLOW
from netutil import Telnet, free_port, set_password
from procutil import until
from test_net_commands import ntp_responder

pytestmark = pytest.mark.posix_only    # QEMU's UART1 is not wired to the simulator yet

SIM = os.path.join(REPO, "tools", "esp_at_sim.py")


@pytest.fixture
def modem(boot, tmp_path):
    """(console, fault control) of a posix-modem board wired to a simulated modem, joined."""
    sock, ctl = str(tmp_path / "modem.sock"), str(tmp_path / "ctl.sock")
    sim = subprocess.Popen([sys.executable, SIM, "--listen", sock, "--control", ctl,
                            "--ap", "simnet:secret", "--join-delay", "0.05"],
                           stdout=subprocess.PIPE, text=True)
    assert "listening" in sim.stdout.readline()
    c = boot("--board", "posix-modem", "--uart", "1=" + sock)
    c.wait_prompt()
    faults = BoardCtl(ctl)
    assert c.run("wifi sta connect simnet secret") == "Connected\n"
    yield c, faults
    faults.close()
    sim.terminate()
    sim.wait(timeout=10)


@pytest.fixture
def web(tmp_path):
    """A host HTTP server on loopback serving a 1 MB file; (port, its sha256)."""
    srv = tmp_path / "srv"
    srv.mkdir()
    blob = os.urandom(1 << 20)
    (srv / "blob.bin").write_bytes(blob)
    handler = functools.partial(type("Quiet", (http.server.SimpleHTTPRequestHandler,),
                                     {"log_message": lambda *a: None}), directory=str(srv))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server.server_address[1], hashlib.sha256(blob).hexdigest()
    server.shutdown()


def sha256_on_board(c, rootdir, path):
    with open(os.path.join(rootdir, path.lstrip("/")), "rb") as f:
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


def test_wget_of_a_megabyte_through_the_modem(modem, web, rootdir):
    c, _ = modem
    port, digest = web
    start = time.time()
    out = c.run(f"wget http://localhost:{port}/blob.bin -O /opt/blob.bin", timeout=60)
    assert "wget:" not in out, out
    assert sha256_on_board(c, rootdir, "/opt/blob.bin") == digest
    print(f"1 MB through the modem in {time.time() - start:.2f} s")


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
    t.read_until("$: ")
    assert t.run("echo through the modem").startswith("through the modem\n")
    t.line("exit")
    t.wait_closed()
    t.close()


# what wget says when the modem stops answering, resets, garbles a reply, closes the link
# or loses the access point in the middle of a transfer
FAULTS = {"mute": "I/O error", "reset": "I/O error", "corrupt": "I/O error",
          "drop 0": "closed", "wifi-drop": "closed"}


@pytest.mark.parametrize("fault", FAULTS)
def test_a_fault_during_a_transfer_fails_it_and_the_next_command_works(modem, web, fault):
    c, faults = modem
    port, _ = web
    c.send(f"wget http://localhost:{port}/blob.bin -O /opt/blob.bin\r")
    time.sleep(0.3)                      # the transfer is under way
    faults.cmd(fault)
    start = time.time()
    out = c.wait_prompt(timeout=15)
    took = time.time() - start
    assert took < 5 * SLOW                # the command's time-out (3 s), not a hang
    print(repr(out[-120:]), f"{took:.2f} s")
    assert "wget: " in out and FAULTS[fault] in out.splitlines()[-1]
    if fault == "mute":
        faults.cmd("unmute")
    out = c.run(f"wget http://localhost:{port}/blob.bin -O /opt/again.bin", timeout=60)
    assert "wget:" not in out, out
