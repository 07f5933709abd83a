"""Network commands against real servers on 127.0.0.1: wget, curl, ntpupdate, ping, wifi
(iperf3 has test_net_iperf3.py)."""
import functools
import http.server
import os
import re
import socket
import struct
import threading

import pytest

from netutil import free_port, start_service

# The MCU port has no network interface yet: these run on the simulator.
pytestmark = pytest.mark.posix_only


class Served:
    def __init__(self, path, port):
        self.path, self.port = path, port

    def __truediv__(self, name):
        return self.path / name


@pytest.fixture
def web_dir(tmp_path):
    """A Python HTTP server (a real one, not ours) serving tmp_path/srv."""
    srv = tmp_path / "srv"
    srv.mkdir()

    class Handler(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *a):
            pass

        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            reply = (f"method=POST x-a={self.headers.get('X-A')} body={body.decode()}\n").encode()
            self.send_response(201)
            self.send_header("Content-Length", str(len(reply)))
            self.end_headers()
            self.wfile.write(reply)

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0),
                                             functools.partial(Handler, directory=str(srv)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield Served(srv, server.server_address[1])
    server.shutdown()


def test_wget_saves_by_name_or_as_told(upyos, web_dir, rootdir):
    data = os.urandom(200_000)
    (web_dir / "blob.bin").write_bytes(data)
    out = upyos.run(f"wget http://127.0.0.1:{web_dir.port}/blob.bin", timeout=20)
    assert "100%" in out and "Saved blob.bin (200000 bytes)" in out
    assert open(os.path.join(rootdir, "blob.bin"), "rb").read() == data
    upyos.run(f"wget http://127.0.0.1:{web_dir.port}/blob.bin -O /opt/other.bin", timeout=20)
    assert open(os.path.join(rootdir, "opt/other.bin"), "rb").read() == data
    (web_dir / "index.html").write_text("<p>home</p>")
    assert "Saved index" in upyos.run(f"wget http://127.0.0.1:{web_dir.port}/")
    assert open(os.path.join(rootdir, "index")).read() == "<p>home</p>"
    assert "wget: " in upyos.run(f"wget http://127.0.0.1:{web_dir.port}/missing")
    assert "connection refused" in upyos.run(f"wget http://127.0.0.1:{free_port()}/x")
    assert "only http:// and https://" in upyos.run("wget ftp://example.org/")


def test_curl_methods_headers_data_include_and_verbose(upyos, web_dir):
    (web_dir / "t.txt").write_text("plain text\n")
    assert upyos.run(f"curl http://127.0.0.1:{web_dir.port}/t.txt") == "plain text\n"
    out = upyos.run(f"curl -i http://127.0.0.1:{web_dir.port}/t.txt")
    assert out.startswith("HTTP/1.0 200") and "Content-Length: 11" in out and out.endswith("plain text\n")
    out = upyos.run(f'curl -X POST -H "X-A: hello" -d v=1 http://127.0.0.1:{web_dir.port}/')
    assert out == "method=POST x-a=hello body=v=1\n"
    out = upyos.run(f"curl -v http://127.0.0.1:{web_dir.port}/t.txt")
    assert "> GET /t.txt HTTP/1.1" in out and "< HTTP/1.0 200" in out


def test_curl_talks_to_our_own_web_server(upyos):
    port = start_service(upyos, "uhttpd")
    out = upyos.run(f"curl -X POST -H \"Content-Type: application/json\" -d '{{\"cmd\": \"echo inner\"}}' http://127.0.0.1:{port}/api/cmd/run; echo")
    assert '"output":"inner\\n"' in out


# ---- SNTP ----

NTP_2030 = 1893456000 + 2208988800           # 2030-01-01 00:00:00 UTC in NTP seconds


def ntp_responder(behaviour):
    """A UDP NTP server on 127.0.0.1 answering as behaviour says."""
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.bind(("127.0.0.1", 0))
    s.settimeout(0.2)
    stop = threading.Event()

    def serve():
        while not stop.is_set():
            try:
                req, addr = s.recvfrom(512)
            except socket.timeout:
                continue
            origin = req[40:48]
            if behaviour == "wrong-origin":
                origin = b"\0" * 8
            stratum = 0 if behaviour == "kiss" else 2
            ans = bytes([0 << 6 | 4 << 3 | 4, stratum, 6, 0xec]) + b"\0" * 8 + b"LOCL"
            ans += struct.pack(">II", NTP_2030, 0) + origin
            ans += struct.pack(">II", NTP_2030, 0) + struct.pack(">II", NTP_2030, 1 << 31)
            if behaviour != "silent":
                s.sendto(ans, addr)

    threading.Thread(target=serve, daemon=True).start()
    return s.getsockname()[1], stop


def test_ntpupdate_sets_the_clock_and_applies_tz(upyos):
    port, stop = ntp_responder("good")
    try:
        out = upyos.run(f"ntpupdate 127.0.0.1 -p {port}")
        assert "Tue 01/Jan/2030 00:00:00" in out
        upyos.run("export TZ=2")
        out = upyos.run(f"ntpupdate 127.0.0.1 -p {port}")
        assert "Tue 01/Jan/2030 02:00:00 (TZ +2" in out
        # the first update set the clock already: a second run moves it by under a second
        assert re.search(r"clock moved [+-][01]s", out), out
    finally:
        stop.set()


@pytest.mark.parametrize("behaviour", ["wrong-origin", "kiss", "silent"])
def test_ntpupdate_refuses_bad_or_missing_answers(upyos, behaviour):
    port, stop = ntp_responder(behaviour)
    try:
        out = upyos.run(f"ntpupdate 127.0.0.1 -p {port}", timeout=10)
        assert out.startswith("ntpupdate: 127.0.0.1: ")
        assert "2030" not in out
    finally:
        stop.set()


# ---- ping, ifconfig, wifi ----

def test_ping_loopback_and_summary(upyos):
    out = upyos.run("ping 127.0.0.1 -c 2", timeout=10)
    assert "PING 127.0.0.1 (127.0.0.1): 56 data bytes" in out
    assert out.count("64 bytes from 127.0.0.1: icmp_seq=") == 2
    assert "ttl=64" in out
    assert "2 packets transmitted, 2 packets received, 0% packet loss" in out
    assert "round-trip min/avg/max" in out
    assert "unknown host" in upyos.run("ping no-such-host.invalid", timeout=15)


def test_ping_ctrl_c_stops_with_a_summary(upyos):
    upyos.send("ping 127.0.0.1 -c 100\r")
    upyos.expect("icmp_seq=1,")
    upyos.send("\x03")
    out = upyos.wait_prompt()
    assert "packets transmitted" in out


def test_ifconfig_shows_the_loopback(upyos):
    out = upyos.run("ifconfig")
    assert "lo: up" in out and "inet 127.0.0.1 netmask 255.0.0.0" in out


def test_wifi_on_a_simulated_radio(upyos):
    assert "simulated radio" in upyos.run("wifi")
    assert "sta is off" in upyos.run("wifi sta scan")
    upyos.run("wifi sta on")
    out = upyos.run("wifi sta scan")
    assert "simulated radio" in out and "HomeNet" in out and "CafeFree" in out
    upyos.run("wifi sta status -n")
    assert upyos.run("env").count("wa=True") == 1 and "wc=False" in upyos.run("env")
    out = upyos.run("wifi sta connect HomeNet wrong 1", timeout=10)
    assert "Time out waiting connection" in out and "wrong password" in out
    assert "Connected" in upyos.run("wifi sta connect HomeNet home-secret")
    out = upyos.run("wifi sta status")
    assert "connected to HomeNet, 192.168.1.50" in out
    assert "wc=True" in upyos.run("env")
    assert "inet 192.168.1.50 netmask 255.255.255.0 gateway 192.168.1.1" in upyos.run("ifconfig")
    upyos.run("wifi sta ifconfig 192.168.1.77 255.255.255.0 192.168.1.1 8.8.8.8")
    assert "192.168.1.77" in upyos.run("wifi sta ifconfig")
    upyos.run("wifi sta disconnect")
    upyos.run("wifi sta status -n")
    assert "wc=False" in upyos.run("env")
    assert "not found" in upyos.run("wifi sta connect Nowhere x 1")
    upyos.run("wifi hostname board7")
    assert upyos.run("wifi hostname") == "board7\n"
    upyos.run("wifi ap config ssid=upyos key=12345678")
    assert "ssid=upyos" in upyos.run("wifi ap config ssid")
    assert "unknown subcommand" in upyos.run("wifi sta fly")
    assert "wrong number" in upyos.run("wifi sta connect")
