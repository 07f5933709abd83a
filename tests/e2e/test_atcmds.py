"""The commands over the modem's own clients (HTTP: atwget, atcurl, atupgrade; MQTT:
atmqttc), and mqttc through the modem's socket driver, against the modem
simulator (tools/esp_at_sim.py), which makes their requests to real servers on loopback. The
board, the simulator and the file server are test_modem_net.py's (posix-modem on posix,
mps2-an385's own board under QEMU)."""
import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
import time

import pytest

from conftest import PORT, REPO, SLOW, put_file
from netutil import free_port
from test_mqtt import Broker
from test_modem_net import BLOB_SIZE, modem, sha256_on_board, stalling_web, web  # noqa: F401

pytestmark = pytest.mark.skipif(PORT == "rp2040", reason="the rp2040 runner does not connect "
                                "UART1 to the modem simulator yet")


def status(c):
    return c.run("echo $?").strip()


def gone_on_board(c, path):
    return not os.path.exists(c.host_path(path))


@pytest.fixture
def echo_web():
    """A host HTTP server: GET /hello says hello; POST and PUT /echo answer with the method,
    the content type and the body they got; POST /store keeps its body for GET /stored;
    /missing is a 404."""
    stored = {}

    class Handler(http.server.BaseHTTPRequestHandler):
        def log_message(self, *a):
            pass

        def answer(self, body, code=200):
            self.send_response(code)
            self.send_header("Content-Type", "text/plain")
            self.send_header("X-Served-By", "echo-web")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(body)

        def do_GET(self):
            if self.path == "/hello":
                return self.answer(b"hello through the modem\n")
            if self.path == "/stored":
                return self.answer(stored.get("body", b"") + b"\n")
            self.answer(b"no such thing\n", 404)

        do_HEAD = do_GET

        def do_POST(self):
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            if self.path == "/store":
                stored["body"] = self.headers.get("Content-Type").encode() + b" " + body
                return self.answer(b"stored\n")
            self.answer(f"{self.command} {self.headers.get('Content-Type')} "
                        f"{self.headers.get('X-Test', '-')} ".encode() + body + b"\n")

        do_PUT = do_POST

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server.server_address[1]
    server.shutdown()


def test_atwget_of_a_file_through_the_modem_http_client(modem, web):
    c, _ = modem
    port, digest = web
    start = time.time()
    out = c.run(f"atwget http://localhost:{port}/blob.bin /opt/blob.bin", timeout=90 * SLOW)
    assert out == f"Saved /opt/blob.bin ({BLOB_SIZE} bytes)\n", out
    assert sha256_on_board(c, "/opt/blob.bin") == digest
    print(f"{BLOB_SIZE} bytes through AT+HTTPCGET in {time.time() - start:.2f} s")


def test_atwget_names_the_file_after_the_url(modem, echo_web):
    c, _ = modem
    assert c.run(f"cd /opt; atwget http://127.0.0.1:{echo_web}/hello") == \
        "Saved hello (24 bytes)\n"
    assert c.run("cat /opt/hello") == "hello through the modem\n"


def test_atcurl_get_post_put_and_headers(modem, echo_web):
    c, _ = modem
    url = f"http://localhost:{echo_web}"
    assert c.run(f"atcurl {url}/hello") == "hello through the modem\n"
    assert c.run(f"atcurl -d 'a=1&b=two, three' {url}/echo") == \
        "POST application/x-www-form-urlencoded - a=1&b=two, three\n"
    assert c.run(f"atcurl -X PUT -H 'Content-Type: application/json' -H 'X-Test: yes' "
                 f"-d '{{\"k\": \"v\"}}' {url}/echo") == \
        'PUT application/json yes {"k": "v"}\n'
    out = c.run(f"atcurl -i {url}/hello")
    head, _, body = out.partition("\n\n")
    assert "X-Served-By: echo-web" in head.splitlines() and "Content-Length: 24" in head
    assert body == "hello through the modem\n"
    assert c.run(f"atcurl -o /opt/saved.txt {url}/hello; cat /opt/saved.txt") == \
        "hello through the modem\n"
    # data too long for AT+HTTPCLIENT's command line goes by AT+HTTPCPOST (no answer back)
    long = "x" * 300 + ",\"end\""
    assert c.run(f"atcurl -d '{long}' -H 'Content-Type: application/json' {url}/store") == ""
    assert c.run(f"atcurl {url}/stored") == f"application/json {long}\n"


def test_a_404_and_a_dead_server_are_errors(modem, echo_web):
    c, _ = modem
    url = f"http://localhost:{echo_web}/missing"
    assert c.run(f"atwget {url} /opt/missing.bin") == f"atwget: {url}: server answered 404\n"
    assert status(c) == "1" and gone_on_board(c, "/opt/missing.bin")
    assert c.run(f"atcurl {url}") == f"atcurl: {url}: server answered 404\n"
    assert status(c) == "1"
    dead = f"http://127.0.0.1:{free_port()}/x"
    assert c.run(f"atwget {dead} /opt/x") == \
        f"atwget: {dead}: cannot connect (the modem's HTTP client)\n"
    assert status(c) == "1" and gone_on_board(c, "/opt/x")
    assert c.run(f"atcurl -d {'y' * 300} {dead}") == \
        f"atcurl: {dead}: the server refused the data or was not reached (SEND FAIL)\n"
    assert status(c) == "1"
    assert c.run(f"atcurl -X PATCH {url}") == \
        "atcurl: PATCH: the modem's HTTP client has HEAD, GET, POST, PUT and DELETE\n"
    assert status(c) == "2"


def test_a_modem_that_stops_answering_fails_atwget_and_leaves_no_file(modem, web,
                                                                      stalling_web):
    c, faults = modem
    url = f"http://localhost:{stalling_web.port}/stall.bin"
    c.send(f"atwget {url} /opt/cut.bin\r")
    assert stalling_web.half_sent.wait(30 * SLOW)
    faults.cmd("mute")
    stalling_web.release.set()
    start = time.time()
    out = c.wait_prompt(timeout=30 * SLOW)
    took = time.time() - start
    assert f"atwget: {url}: the modem stopped answering (nothing for 8 s)" in out, out
    # 8 s after the last byte: what was already on its way (the simulator's socket buffer,
    # drained at the MCU's pace) still comes first; no hang in any case
    assert took < 25 * SLOW, took
    assert status(c) == "1" and gone_on_board(c, "/opt/cut.bin")
    faults.cmd("unmute")
    port, digest = web
    out = c.run(f"atwget http://localhost:{port}/blob.bin /opt/again.bin", timeout=90 * SLOW)
    assert out == f"Saved /opt/again.bin ({BLOB_SIZE} bytes)\n", out


@pytest.fixture
def broker(tmp_path):
    if shutil.which("mosquitto") is None:
        pytest.skip("no mosquitto")
    b = Broker(tmp_path)
    yield b
    b.stop()
    for proc in b.subs:
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def test_mqttc_through_the_modem_socket_driver(modem, broker):
    c, _ = modem
    assert c.run(f"mqttc sub {broker.args()} -t board/in -q 1", timeout=20 * SLOW) == ""
    broker.pub("board/in", "to the board", qos=1)
    assert c.run("mqttc listen -n 1 -w 10", timeout=20 * SLOW) == "board/in: to the board\n"
    sub = broker.sub("board/out")
    assert c.run("mqttc pub -t board/out -m 'from the board' -q 1", timeout=20 * SLOW) == ""
    assert broker.received(sub) == ["board/out from the board"]
    assert c.run("mqttc close") == ""


def test_atmqttc_publishes_and_subscribes_through_the_modem_mqtt_client(modem, broker):
    c, _ = modem
    assert c.run(f"atmqttc sub {broker.args()} -t board/in -q 1", timeout=20 * SLOW) == ""
    assert c.run("atmqttc listsub") == "board/in (QoS 1)\n"
    broker.pub("board/in", "to the modem, with \\r\\nOK\\r\\n", qos=1)
    broker.pub("board/in", "second", qos=0)
    assert c.run("atmqttc listen -n 2 -w 10", timeout=20 * SLOW) == \
        "board/in: to the modem, with \\r\\nOK\\r\\n\nboard/in: second\n"
    sub = broker.sub("board/out")
    assert c.run("atmqttc pub -t board/out -m 'from the modem, \"quoted\"' -q 1",
                 timeout=20 * SLOW) == ""
    assert broker.received(sub) == ['board/out from the modem, "quoted"']
    # too long for AT+MQTTPUB's command line: AT+MQTTPUBRAW
    sub = broker.sub("board/out")
    long = "z" * 400 + ",end"
    assert c.run(f"atmqttc pub -t board/out -m {long} -q 1", timeout=20 * SLOW) == ""
    assert broker.received(sub) == [f"board/out {long}"]
    sub = broker.sub("board/out", count=2)
    assert c.run("echo line one > /opt/lines.txt; echo line two >> /opt/lines.txt; "
                 "cat /opt/lines.txt | atmqttc pub -t board/out -l", timeout=20 * SLOW) == ""
    assert broker.received(sub) == ["board/out line one", "board/out line two"]
    assert c.run("atmqttc unsub -t board/in") == ""
    assert c.run("atmqttc listsub") == ""
    assert c.run("atmqttc ping") == "atmqttc: ping: not through the modem's MQTT client " \
        "(use mqttc)\n"
    assert c.run("atmqttc close") == ""
    assert c.run("atmqttc pub -t x -m y") == "atmqttc: not connected: give the broker with " \
        "-h HOST\n"


def test_atmqttc_says_when_the_broker_refuses(modem, broker):
    c, _ = modem
    out = c.run(f"atmqttc pub {broker.args(password='wrong')} -t x -m y", timeout=20 * SLOW)
    assert out == f"atmqttc: connect 127.0.0.1:{broker.port}: the modem could not connect " \
        f"to 127.0.0.1:{broker.port}\n"
    assert status(c) == "1"


def release_tool(name, *args):
    subprocess.run([sys.executable, os.path.join(REPO, "tools", name), *map(str, args)],
                   check=True, capture_output=True)


@pytest.fixture
def releases(rootdir, tmp_path):
    """The board (rootdir) at release 1.0, trusting a key; releases 2.0 and two tampered
    copies of it served on loopback; its URL."""
    d = tmp_path / "rel"
    d.mkdir()
    release_tool("release-sign", "--keygen", d / "key.pem", d / "pub.pem")
    put_file(rootdir, "/etc/atup.txt", "version one\n")
    v2 = d / "v2tree"
    shutil.copytree(rootdir, v2)
    (v2 / "etc/atup.txt").write_text("version two\n")
    (v2 / "etc/added.txt").write_text("added by 2.0\n")
    www = d / "www"
    release_tool("release", rootdir, www / "v1", "--version", "1.0", "--key", d / "key.pem")
    release_tool("release", v2, www / "v2", "--version", "2.0", "--key", d / "key.pem")
    shutil.copy(d / "pub.pem", os.path.join(rootdir, "etc/upgrade.pub"))
    shutil.copy(www / "v1/upgrade.inf", os.path.join(rootdir, "etc/upgrade.inf"))
    shutil.copytree(www / "v2", www / "bad-file")
    (www / "bad-file/etc/atup.txt").write_text("version tw0\n")
    shutil.copytree(www / "v2", www / "bad-manifest")
    inf = www / "bad-manifest/upgrade.inf"
    inf.write_text(inf.read_text().replace("/etc/added.txt,13,", "/etc/added.txt,14,"))
    handler = functools.partial(type("Quiet", (http.server.SimpleHTTPRequestHandler,),
                                     {"log_message": lambda *a: None}), directory=str(www))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


def test_atupgrade_installs_a_signed_release_and_refuses_a_tampered_one(releases, modem):
    c, _ = modem
    for bad, says in (("bad-manifest", "bad signature: the release is refused"),
                      ("bad-file", "/etc/atup.txt: its SHA-256 is not the manifest's")):
        out = c.run(f"atupgrade -f -s {releases}/{bad}", timeout=60 * SLOW)
        assert says in out, out
        assert status(c) == "1"
        assert c.run("cat /etc/atup.txt") == "version one\n"
        assert c.run("ls /etc/added.txt").startswith("ls:")
    out = c.run(f"atupgrade -t {releases}/v2", timeout=60 * SLOW)
    assert "Upgrade 1.0 -> 2.0: 2 files to fetch" in out, out
    assert c.run("cat /etc/atup.txt") == "version one\n"             # -t changes nothing
    out = c.run(f"atupgrade -f -s {releases}/v2", timeout=60 * SLOW)
    assert "Upgraded to 2.0" in out, out
    assert status(c) == "0"
    assert c.run("cat /etc/atup.txt /etc/added.txt") == "version two\nadded by 2.0\n"
    assert c.run("atupgrade -f /opt") == \
        "atupgrade: /opt: atupgrade fetches through the modem: give an http:// or https:// URL\n"
