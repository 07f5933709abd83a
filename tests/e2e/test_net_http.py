"""uhttpd with real clients: curl, http.client and a raw-socket WebSocket client."""
import base64
import hashlib
import json
import http.client
import os
import socket
import struct
import threading
import time
import urllib.parse

import pytest

from conftest import SLOW
from httputil import curl, jrequest, login_token, raw, request, web  # noqa: F401 (web is a fixture)
from netutil import boot_locked
from procutil import until

# The MCU port has no network interface yet: these run on the simulator.
pytestmark = pytest.mark.posix_only


def test_static_files_with_mime_types_and_index(web, rootdir):
    r, body = request(web, "GET", "/")
    assert r.status == 200 and r.getheader("Content-Type").startswith("text/html")
    assert body == open(os.path.join(rootdir, "www/index.html"), "rb").read()
    assert request(web, "GET", "/app.js")[0].getheader("Content-Type") == "text/javascript"
    assert request(web, "GET", "/style.css")[0].getheader("Content-Type") == "text/css"
    r, body = request(web, "HEAD", "/style.css")
    assert r.status == 200 and body == b"" and int(r.getheader("Content-Length")) > 0
    assert request(web, "GET", "/nope.html")[0].status == 404
    assert request(web, "DELETE", "/index.html")[0].status == 405


def test_range_requests(web, rootdir):
    whole = open(os.path.join(rootdir, "www/index.html"), "rb").read()
    r, body = request(web, "GET", "/index.html", headers={"Range": "bytes=2-9"})
    assert r.status == 206 and body == whole[2:10]
    assert r.getheader("Content-Range") == f"bytes 2-9/{len(whole)}"
    r, body = request(web, "GET", "/index.html", headers={"Range": "bytes=-5"})
    assert body == whole[-5:]
    assert request(web, "GET", "/index.html", headers={"Range": f"bytes={len(whole)}-"})[0].status == 416


def test_keep_alive_serves_several_requests_on_one_connection(web):
    c = http.client.HTTPConnection("127.0.0.1", web, timeout=10 * SLOW)
    for _ in range(5):
        c.request("GET", "/style.css")
        r = c.getresponse()
        r.read()
        assert r.status == 200 and r.getheader("Connection") == "keep-alive"
    c.close()


@pytest.mark.parametrize("path", ["/../etc/canary.txt", "/%2e%2e/etc/canary.txt",
                                  "/..%2fetc/canary.txt", "/%2E%2E/%2E%2E/etc/canary.txt",
                                  "//etc/canary.txt", "/www/../../etc/canary.txt"])
def test_static_paths_stay_in_www(web, rootdir, path):
    # a file outside /www that each path aims at, and one inside that the same request reaches
    with open(os.path.join(rootdir, "etc/canary.txt"), "w") as f:
        f.write("CANARY-OUTSIDE-WWW")
    with open(os.path.join(rootdir, "www/canary.txt"), "w") as f:
        f.write("inside www")
    get = "GET {} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
    assert raw(web, get.format("/canary.txt").encode()).startswith(b"HTTP/1.1 200 ")
    out = raw(web, get.format(path).encode())
    assert out.split(b" ")[1] in (b"400", b"403", b"404"), out[:80]
    assert b"CANARY-OUTSIDE-WWW" not in out


def test_api_file_paths_stay_in_the_root(web, tmp_path):
    (tmp_path / "outside.txt").write_text("secret")
    for p in ("../outside.txt", "/../../outside.txt", "%2e%2e/outside.txt", str(tmp_path / "outside.txt")):
        r, body = request(web, "GET", "/api/fs/read?path=" + p)
        assert b"secret" not in body
    status, listing = jrequest(web, "POST", "/api/fs/list", {"path": "/../../.."})
    assert status == 200 and listing["path"] == "/"


def test_a_link_in_the_root_does_not_lead_out(web, rootdir, tmp_path):
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.txt").write_text("secret\n")
    os.symlink(str(outside), os.path.join(rootdir, "link"))
    os.symlink(str(outside), os.path.join(rootdir, "www", "out"))
    for path in ("/api/fs/read?path=/link/secret.txt", "/api/fs/download?path=/link/secret.txt",
                 "/out/secret.txt"):
        r, body = request(web, "GET", path)
        assert r.status == 404 and b"secret" not in body, path
    assert request(web, "POST", "/api/fs/delete", {"path": "/link/secret.txt"})[0].status == 404
    assert request(web, "POST", "/api/fs/write?path=/link/new.txt", b"x")[0].status == 404
    status, listing = jrequest(web, "POST", "/api/fs/list", {"path": "/link"})
    assert status == 404
    assert sorted(os.listdir(outside)) == ["secret.txt"]
    assert (outside / "secret.txt").read_text() == "secret\n"


def test_json_api_without_password(web, rootdir):
    status, s = jrequest(web, "GET", "/api/status")
    assert status == 200 and s["name"] == "upyOS-C" and s["uptime"] >= 0
    # (sanitizer builds cannot see the allocator: their figures are 0)
    assert s["mem_used"] + s["mem_free"] == s["mem_total"]
    assert s["login"] == "none"
    status, out = jrequest(web, "POST", "/api/cmd/run", {"cmd": "echo hi; echo there"})
    assert status == 200 and out["output"] == "hi\nthere\n" and out["status"] == 0
    assert jrequest(web, "POST", "/api/cmd/run", {"cmd": "nosuchcmd"})[1]["status"] != 0
    # files
    assert request(web, "POST", "/api/fs/mkdir", {"path": "/d"})[0].status == 200
    assert request(web, "POST", "/api/fs/write?path=/d/a.txt", b"abc\n")[0].status == 200
    assert open(os.path.join(rootdir, "d/a.txt"), "rb").read() == b"abc\n"
    assert request(web, "GET", "/api/fs/read?path=/d/a.txt")[1] == b"abc\n"
    r, body = request(web, "GET", "/api/fs/download?path=/d/a.txt")
    assert body == b"abc\n" and "attachment" in r.getheader("Content-Disposition")
    assert request(web, "POST", "/api/fs/upload?path=/d/b.bin", bytes(range(256)))[0].status == 200
    status, listing = jrequest(web, "POST", "/api/fs/list", {"path": "/d"})
    assert sorted(e["name"] for e in listing["entries"]) == ["a.txt", "b.bin"]
    assert request(web, "POST", "/api/fs/rename", {"from": "/d/a.txt", "to": "/d/c.txt"})[0].status == 200
    assert request(web, "POST", "/api/fs/delete", {"path": "/d/c.txt"})[0].status == 200
    assert sorted(os.listdir(os.path.join(rootdir, "d"))) == ["b.bin"]
    assert request(web, "POST", "/api/fs/delete", {"path": "/etc/system.conf"})[0].status == 403
    assert request(web, "GET", "/api/fs/read?path=/nope")[0].status == 404
    # GPIO
    assert jrequest(web, "POST", "/api/gpio/set", {"pin": 5, "val": 1})[0] == 200
    pins = {p["pin"]: p["val"] for p in jrequest(web, "GET", "/api/gpio/status")[1]["pins"]}
    assert pins[5] == 1
    jrequest(web, "POST", "/api/gpio/set", {"pin": 5, "val": 0})
    pins = {p["pin"]: p["val"] for p in jrequest(web, "GET", "/api/gpio/status")[1]["pins"]}
    assert pins[5] == 0
    assert jrequest(web, "POST", "/api/gpio/set", {"pin": 5})[0] == 400
    assert jrequest(web, "GET", "/api/nothing")[0] == 404
    assert jrequest(web, "POST", "/api/status")[0] == 405
    assert jrequest(web, "POST", "/api/cmd/run", "not json", {"Content-Type": "application/json"})[0] == 400


def test_an_upload_onto_a_protected_file_is_refused_before_its_body(web):
    # the head announces 1 MB and only the head is sent: the answer cannot wait for the body
    s = socket.create_connection(("127.0.0.1", web), timeout=10 * SLOW)
    s.sendall(b"POST /api/fs/upload?path=/etc/system.conf HTTP/1.1\r\nHost: x\r\n"
              b"Content-Length: 1048576\r\n\r\n")
    assert s.recv(100).startswith(b"HTTP/1.1 403 ")
    s.close()


def test_api_cannot_change_protected_files_or_the_directories_above(web, rootdir):
    conf = os.path.join(rootdir, "etc", "system.conf")
    before = open(conf, "rb").read()
    for method, path, body in (
            ("POST", "/api/fs/write?path=/etc/system.conf", b"{}"),
            ("POST", "/api/fs/upload?path=/etc/system.conf", b"{}"),
            ("POST", "/api/fs/delete", {"path": "/etc/system.conf"}),
            ("POST", "/api/fs/delete", {"path": "/etc"}),
            ("POST", "/api/fs/rename", {"from": "/etc", "to": "/etc2"}),
            ("POST", "/api/fs/rename", {"from": "/etc/system.conf", "to": "/x"}),
            ("POST", "/api/fs/rename", {"from": "/etc/init.sh", "to": "/etc/system.conf"}),
            ("POST", "/api/fs/mkdir", {"path": "/etc/system.conf"})):
        r, data = request(web, method, path, body)
        assert r.status == 403 and b"protected file" in data, (path, body, r.status, data)
    assert request(web, "GET", "/api/fs/read?path=/etc/system.conf")[1] == before
    assert open(conf, "rb").read() == before
    assert os.path.exists(os.path.join(rootdir, "etc", "init.sh"))
    assert not os.path.exists(os.path.join(rootdir, "etc2"))


def test_cmd_interrupt_stops_a_running_command(web):
    token = login_token(web, "", "")
    cookie = {"Cookie": "session=" + token}
    result = {}

    def run():
        result["r"] = jrequest(web, "POST", "/api/cmd/run", {"cmd": "sleep 30; echo after"}, cookie)

    import threading
    t = threading.Thread(target=run)
    start = time.time()
    t.start()
    time.sleep(0.5)
    assert jrequest(web, "POST", "/api/cmd/interrupt", None, cookie)[0] == 200
    t.join(10 * SLOW)
    assert time.time() - start < 5 * SLOW
    assert "after" not in result["r"][1]["output"]


@pytest.fixture
def locked_web(boot):
    return boot_locked(boot, "admin", "pass1", "uhttpd")[1][0]


def test_api_needs_a_session_once_a_password_is_set(locked_web):
    port = locked_web
    for method, path in (("GET", "/api/status"), ("POST", "/api/cmd/run"), ("GET", "/api/fs/read?path=/etc/init.sh"),
                         ("POST", "/api/fs/write?path=/x"), ("GET", "/api/gpio/status")):
        assert request(port, method, path, b"{}")[0].status == 401
    assert request(port, "POST", "/api/login", {"user": "admin", "password": "bad"})[0].status == 401
    forged = {"Cookie": "session=" + "0" * 32}
    assert request(port, "GET", "/api/status", headers=forged)[0].status == 401
    t1, t2 = login_token(port, "admin", "pass1"), login_token(port, "admin", "pass1")
    assert t1 != t2 and len(t1) == 32
    status, s = jrequest(port, "GET", "/api/status", headers={"Cookie": "session=" + t1})
    assert status == 200 and s["login"] == "required"
    request(port, "GET", "/api/logout", headers={"Cookie": "session=" + t1})
    assert request(port, "GET", "/api/status", headers={"Cookie": "session=" + t1})[0].status == 401
    assert request(port, "GET", "/api/status", headers={"Cookie": "session=" + t2})[0].status == 200
    assert ws_connect(port, None)[0].startswith(b"HTTP/1.1 401")
    # static pages stay reachable: the login page must load
    assert request(port, "GET", "/")[0].status == 200


# ---- WebSocket ----

def ws_connect(port, token, key=None):
    key = key or base64.b64encode(os.urandom(16)).decode()
    s = socket.create_connection(("127.0.0.1", port), timeout=10 * SLOW)
    cookie = f"Cookie: session={token}\r\n" if token else ""
    s.sendall((f"GET /ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
               f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n{cookie}\r\n").encode())
    head = b""
    while b"\r\n\r\n" not in head:
        data = s.recv(1)
        if not data:
            break
        head += data
    return head, s, key


def ws_frame(payload, opcode=1, mask=True):
    key = os.urandom(4)
    n = len(payload)
    head = bytes([0x80 | opcode])
    mbit = 0x80 if mask else 0
    if n < 126:
        head += bytes([mbit | n])
    else:
        head += bytes([mbit | 126]) + struct.pack(">H", n)
    if not mask:
        return head + payload
    return head + key + bytes(b ^ key[i % 4] for i, b in enumerate(payload))


def ws_read(s):
    """One server frame: (opcode, payload)."""
    def exact(n):
        buf = b""
        while len(buf) < n:
            d = s.recv(n - len(buf))
            if not d:
                raise EOFError
            buf += d
        return buf
    b0, b1 = exact(2)
    n = b1 & 0x7f
    if n == 126:
        n = struct.unpack(">H", exact(2))[0]
    elif n == 127:
        n = struct.unpack(">Q", exact(8))[0]
    return b0 & 0x0f, exact(n)


def ws_until(s, marker, timeout=5):
    s.settimeout(timeout * SLOW)
    text = b""
    while marker not in text:
        op, data = ws_read(s)
        if op == 8:
            raise EOFError(data)
        text += data
    return text.decode(errors="replace")


def test_websocket_terminal(web):
    head, s, key = ws_connect(web, None)
    assert head.startswith(b"HTTP/1.1 101")
    accept = base64.b64encode(hashlib.sha1((key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11").encode()).digest())
    assert b"Sec-WebSocket-Accept: " + accept in head
    ws_until(s, b"$: ")
    s.sendall(ws_frame(b"echo ws-$((2))\r"))
    s.sendall(ws_frame(b"echo from the web\r"))
    assert "from the web\r\n" in ws_until(s, b"from the web\r\n/")
    s.sendall(ws_frame(b"ping!", opcode=9))
    op, data = ws_read(s)
    while op != 10:
        op, data = ws_read(s)
    assert data == b"ping!"
    s.sendall(ws_frame(b"sleep 30\r"))
    time.sleep(0.3)
    s.sendall(ws_frame(b"\x03"))
    ws_until(s, b"$: ", timeout=3)
    s.sendall(ws_frame(b"exit\r"))
    with pytest.raises(EOFError):
        ws_until(s, b"never")


@pytest.mark.parametrize("bad, code", [
    (ws_frame(b"ls\r", mask=False), 1002),                 # clients must mask
    (bytes([0x80 | 0x40 | 1, 0x80 | 1]) + b"\0\0\0\0a", 1002),   # reserved bit
    (bytes([0x83, 0x81]) + b"\0\0\0\0a", 1002),            # reserved opcode
    (bytes([0x09, 0x81]) + b"\0\0\0\0a", 1002),            # fragmented control frame
    (bytes([0x82, 0xff]) + struct.pack(">Q", 1 << 40), 1009),   # far too big
    (ws_frame(b"a", opcode=0), 1002),                       # a continuation of nothing
    (bytes([0x01, 0x81]) + b"\0\0\0\0a" + ws_frame(b"b"), 1002),  # a new message mid-message
    (ws_frame(struct.pack(">H", 1005), opcode=8), 1002),   # a code no endpoint may send
    (ws_frame(struct.pack(">H", 999), opcode=8), 1002),
    (ws_frame(struct.pack(">H", 5000), opcode=8), 1002),
    (ws_frame(b"\x03", opcode=8), 1002),                   # a 1-byte close body
    (ws_frame(struct.pack(">H", 4000) + b"bye", opcode=8), 1000),   # a good close
], ids=["unmasked", "reserved-bit", "reserved-opcode", "fragmented-ping", "too-big",
        "orphan-continuation", "interleaved-message", "close-1005", "close-999", "close-5000",
        "close-1-byte", "close-4000"])
def test_bad_websocket_frames_close_with_an_error(web, bad, code):
    head, s, _ = ws_connect(web, None)
    ws_until(s, b"$: ")
    s.sendall(bad)
    s.settimeout(5 * SLOW)
    op, data = ws_read(s)
    while op != 8:
        op, data = ws_read(s)
    assert struct.unpack(">H", data[:2])[0] == code
    assert request(web, "GET", "/style.css")[0].status == 200


def test_bad_handshake_is_refused(web):
    s = socket.create_connection(("127.0.0.1", web), timeout=5 * SLOW)
    s.sendall(b"GET /ws HTTP/1.1\r\nHost: x\r\n\r\n")
    assert s.recv(100).startswith(b"HTTP/1.1 400")


# ---- malformed and hostile requests ----

@pytest.mark.parametrize("data, status", [
    (b"GET / HTTP/1.1\r\nX-Big: " + b"a" * (1024 * 1024) + b"\r\n\r\n", 431),
    (b"GET /" + b"a" * 4000 + b" HTTP/1.1\r\n\r\n", 414),
    (b"GARBAGE\r\n\r\n", 400),
    (b"GET / HTTP/2.0\r\n\r\n", 505),
    (b"GET / HTTP/1.1\r\nNoColon\r\n\r\n", 400),
    (b"GET / HTTP/1.1\r\nContent-Length: -5\r\n\r\n", 400),
    (b"POST /api/cmd/run HTTP/1.1\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n", 501),
    (b"POST /api/cmd/run HTTP/1.1\r\nTransfer-Encoding: chunked\r\nContent-Length: 5\r\n\r\n"
     b"0\r\n\r\n", 400),
    (b"GET / HTTP/1.1\r\n" + b"X-A: b\r\n" * 100 + b"\r\n", 431),
    (b"GET /%00 HTTP/1.1\r\n\r\n", 400),
    (b"POST /api/cmd/run HTTP/1.1\r\nContent-Type: application/json\r\n"
     b"Content-Length: 100000\r\n\r\n", 413),
    (b"POST /api/fs/write?path=/x HTTP/1.1\r\nContent-Length: 99999999999999999999\r\n\r\n", 400),
], ids=["huge-header", "long-uri", "garbage", "http2", "no-colon", "negative-length",
        "gzip", "smuggling", "many-headers", "nul", "big-body", "absurd-length"])
def test_malformed_requests_get_an_error_and_the_server_goes_on(web, data, status):
    out = raw(web, data)
    assert out.startswith(f"HTTP/1.1 {status} ".encode()), out[:100]
    assert request(web, "GET", "/style.css")[0].status == 200


def test_slowloris_is_cut_off_while_others_are_served(web):
    s = socket.create_connection(("127.0.0.1", web), timeout=30 * SLOW)
    s.sendall(b"GET / HTTP/1.1\r\n")
    start = time.time()
    answer = b""
    while time.time() - start < 20 * SLOW:
        try:
            s.sendall(b"X-Slow: 1\r\n")
        except (BrokenPipeError, ConnectionResetError):
            break
        assert request(web, "GET", "/style.css")[0].status == 200
        s.settimeout(1)
        try:
            answer += s.recv(4096)
            if answer:
                break
        except socket.timeout:
            pass
    assert answer.startswith(b"HTTP/1.1 408")
    assert time.time() - start < 15 * SLOW


def test_download_names_cannot_inject_headers(web, rootdir):
    # a name with CR LF cannot be made (the VFS refuses it) ...
    r, _ = request(web, "POST", "/api/fs/write?path=/a%0D%0ASet-Cookie:%20x=1", b"x")
    assert r.status == 400
    # ... and the names that can are encoded, never raw, in Content-Disposition
    open(os.path.join(rootdir, 'q"uote;é.txt'), "wb").write(b"x")
    r, body = request(web, "GET", "/api/fs/download?path=" + urllib.parse.quote('/q"uote;é.txt'))
    assert r.status == 200 and body == b"x"
    assert r.getheader("Content-Disposition") == \
        "attachment; filename=\"q_uote;__.txt\"; filename*=UTF-8''q%22uote%3B%C3%A9.txt"


def test_cross_site_requests_are_refused(web):
    evil = {"Origin": "http://attacker.example", "Content-Type": "application/json"}
    r, data = request(web, "POST", "/api/cmd/run", {"cmd": "echo pwned > /pwned"}, evil)
    assert r.status == 403 and b"cross-origin" in data
    # a form or a no-CORS fetch can send text/plain without a preflight: not JSON, not run
    r, _ = request(web, "POST", "/api/cmd/run", '{"cmd": "echo pwned > /pwned"}',
                   {"Content-Type": "text/plain"})
    assert r.status == 415
    assert request(web, "POST", "/api/fs/write?path=/pwned", b"x", {"Origin": "null"})[0].status == 403
    assert jrequest(web, "GET", "/api/fs/read?path=/pwned")[0] == 404
    # the board's own pages (Origin matching Host) and clients without Origin go on working
    own = {"Origin": f"http://127.0.0.1:{web}", "Content-Type": "application/json"}
    r, data = request(web, "POST", "/api/cmd/run", {"cmd": "echo ok"}, own)
    assert r.status == 200 and json.loads(data)["output"] == "ok\n"
    assert jrequest(web, "POST", "/api/cmd/run", {"cmd": "echo ok"})[0] == 200
    # and a page elsewhere cannot open the web terminal
    s = socket.create_connection(("127.0.0.1", web), timeout=5 * SLOW)
    s.sendall(b"GET /ws HTTP/1.1\r\nHost: 127.0.0.1\r\nOrigin: http://attacker.example\r\n"
              b"Upgrade: websocket\r\nConnection: Upgrade\r\n"
              b"Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
    assert s.recv(100).startswith(b"HTTP/1.1 403")
    s.close()


def test_parallel_guesses_from_rotating_addresses_wait_their_turn(locked_web):
    """Six wrong logins at once, each from its own 127.0.0.x: they are checked one at a time,
    each after the back-off the account has earned (0, 0, 0, 1, 2, 3 s), not all at once."""
    def guess(i, done):
        c = http.client.HTTPConnection("127.0.0.1", locked_web, timeout=30 * SLOW,
                                       source_address=(f"127.0.0.{10 + i}", 0))
        c.request("POST", "/api/login", json.dumps({"user": "admin", "password": f"guess{i}"}),
                  {"Content-Type": "application/json"})
        done.append((c.getresponse().status, time.monotonic()))
        c.close()
    done = []
    start = time.monotonic()
    threads = [threading.Thread(target=guess, args=(i, done)) for i in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert [status for status, _ in done] == [401] * 6
    assert max(at for _, at in done) - start >= 5.5       # 1 + 2 + 3 s, waited in turn
    # the right password still gets in (after the account's back-off), and clears it
    assert login_token(locked_web, "admin", "pass1")
    start = time.monotonic()
    assert login_token(locked_web, "admin", "pass1")
    assert time.monotonic() - start < 1


def test_fragmented_websocket_messages_still_arrive(web):
    def piece(payload, opcode, last):
        frame = ws_frame(payload, opcode)
        return bytes([frame[0] if last else frame[0] & 0x7f]) + frame[1:]
    head, s, _ = ws_connect(web, None)
    ws_until(s, b"$: ")
    s.sendall(piece(b"echo fr", 1, False) + piece(b"ag", 0, False) + piece(b"ment\r", 0, True))
    assert "fragment\r\n" in ws_until(s, b"fragment\r\n")
    s.close()


def test_web_terminals_whose_shell_ended_close_though_input_keeps_coming(web, upyos):
    for _ in range(4):
        head, s, _ = ws_connect(web, None)
        ws_until(s, b"$: ")
        s.sendall(ws_frame(b"exit\r") + ws_frame(b"x" * 2048))   # more than the terminal holds
        with pytest.raises(EOFError):
            ws_until(s, b"never")
        s.close()
    assert until(lambda: "uhttpd 127.0.0.1:" not in upyos.run("ps"))
    assert request(web, "GET", "/style.css")[0].status == 200


def test_idle_and_half_open_connections_cannot_fill_the_server(web, upyos):
    idle = [socket.create_connection(("127.0.0.1", web), timeout=5 * SLOW) for _ in range(16)]
    for s in idle[::2]:
        s.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n")     # a head that never ends
    assert until(lambda: upyos.run("ps").count("uhttpd 127.0.0.1:") == 16)
    for _ in range(3):
        assert request(web, "GET", "/style.css")[0].status == 200
    for s in idle:
        s.close()
