"""Request bodies: Content-Length and chunked (RFC 7230 4.1), from curl, http.client and raw
sockets; uploads that break off leave the file as it was."""
import hashlib
import http.client
import json
import os
import socket

import pytest

from conftest import SLOW
from httputil import curl, jrequest, raw, request, web  # noqa: F401 (web is a fixture)
from procutil import until

# The MCU port has no network interface yet: these run on the simulator.
pytestmark = pytest.mark.posix_only


def chunked(*pieces, trailer=b""):
    """A chunked body of the given pieces, with optional trailer fields."""
    out = b"".join(b"%x\r\n%s\r\n" % (len(p), p) for p in pieces)
    return out + b"0\r\n" + trailer + b"\r\n"


def test_curl_uploads_a_file_in_chunks(web, rootdir, tmp_path):
    data = os.urandom(300_000)
    src = tmp_path / "up.bin"
    src.write_bytes(data)
    out = curl("-H", "Transfer-Encoding: chunked", "--data-binary", f"@{src}",
               f"http://127.0.0.1:{web}/api/fs/upload?path=/up.bin")
    assert json.loads(out)["ok"] is True
    got = open(os.path.join(rootdir, "up.bin"), "rb").read()
    assert hashlib.sha256(got).digest() == hashlib.sha256(data).digest()
    assert not os.path.exists(os.path.join(rootdir, "up.bin.part"))


def test_http_client_sends_a_chunked_json_command(web):
    c = http.client.HTTPConnection("127.0.0.1", web, timeout=10 * SLOW)
    body = iter([b'{"cmd": ', b'"echo chunk', b'ed"}'])
    c.request("POST", "/api/cmd/run", body=body, encode_chunked=True,
              headers={"Transfer-Encoding": "chunked", "Content-Type": "application/json"})
    r = c.getresponse()
    assert r.status == 200 and json.loads(r.read())["output"] == "chunked\n"
    # the connection stays usable for the next request
    c.request("GET", "/api/status")
    r = c.getresponse()
    assert r.status == 200 and json.loads(r.read())["name"] == "upyOS-C"
    c.close()


def test_chunk_extensions_trailers_and_keep_alive(web):
    s = socket.create_connection(("127.0.0.1", web), timeout=10 * SLOW)
    body = b'4;name=value\r\n{"cm\r\nf\r\nd": "echo one"}\r\n0\r\nX-Trailer: yes\r\n\r\n'
    s.sendall(b"POST /api/cmd/run HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
              b"Transfer-Encoding: Chunked\r\n\r\n" + body
              + b"GET /style.css HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
    out = b""
    while chunk := s.recv(65536):
        out += chunk
    s.close()
    assert out.count(b"HTTP/1.1 200 OK") == 2, out[:300]
    assert b'"output":"one\\n"' in out and b"text/css" in out


def test_a_body_left_unread_is_skipped_before_the_next_request(web):
    s = socket.create_connection(("127.0.0.1", web), timeout=10 * SLOW)
    # a static file reads no body: the server skips these chunks to find the next request
    s.sendall(b"GET /index.html HTTP/1.1\r\nTransfer-Encoding: chunked\r\n\r\n"
              + chunked(b"a" * 1000, b"b" * 3000)
              + b"GET /style.css HTTP/1.1\r\nConnection: close\r\n\r\n")
    out = b""
    while chunk := s.recv(65536):
        out += chunk
    s.close()
    assert out.count(b"HTTP/1.1 200 OK") == 2 and b"text/html" in out and b"text/css" in out


def test_malformed_chunks_are_a_400_and_the_server_goes_on(web):
    for body in [b"zz\r\nabc\r\n0\r\n\r\n",                    # not a hex size
                 b"3\r\nabcdef\r\n0\r\n\r\n",                  # more data than the size said
                 b"1000000000000\r\n",                         # a size past 2^48
                 b"3\r\nabc\r\n0\r\n" + b"X: y\r\n" * 100 + b"\r\n"]:  # an endless trailer
        out = raw(web, b"POST /api/fs/write?path=/bad.txt HTTP/1.1\r\n"
                       b"Transfer-Encoding: chunked\r\n\r\n" + body)
        assert out.startswith(b"HTTP/1.1 400 "), (body, out[:100])
        assert request(web, "GET", "/style.css")[0].status == 200
    assert jrequest(web, "GET", "/api/fs/read?path=/bad.txt")[0] == 404


def test_a_chunked_json_body_over_the_limit_is_413(web):
    big = json.dumps({"cmd": "echo " + "x" * 20000}).encode()
    out = raw(web, b"POST /api/cmd/run HTTP/1.1\r\nContent-Type: application/json\r\n"
                   b"Transfer-Encoding: chunked\r\n\r\n"
                   + chunked(*[big[i:i + 1000] for i in range(0, len(big), 1000)]))
    assert out.startswith(b"HTTP/1.1 413 ")


def test_an_upload_cut_off_half_way_leaves_the_file_as_it_was(web, rootdir):
    assert request(web, "POST", "/api/fs/write?path=/keep.txt", b"precious\n")[0].status == 200
    part = os.path.join(rootdir, "keep.txt.part")
    for framing, start in ((b"Content-Length: 100000", b"partial" * 100),
                           (b"Transfer-Encoding: chunked", b"7\r\npartial\r\n")):
        s = socket.create_connection(("127.0.0.1", web), timeout=10 * SLOW)
        s.sendall(b"POST /api/fs/write?path=/keep.txt HTTP/1.1\r\n" + framing + b"\r\n\r\n"
                  + start)
        # the upload has begun (its .part exists) before the connection is cut
        assert until(lambda: os.path.exists(part)), "the upload never started"
        s.close()
        # the server notices the cut-off connection and drops what it had
        assert until(lambda: not os.path.exists(part)), "the .part file stayed"
    assert request(web, "GET", "/api/fs/read?path=/keep.txt")[1] == b"precious\n"


def test_curl_form_upload_stores_the_file_not_the_envelope(web, rootdir, tmp_path):
    # bytes that look like a delimiter's start, CR LFs and dashes: only the boundary ends it
    data = os.urandom(200_000) + b"\r\n--\r\n--------------------------" + os.urandom(1000)
    src = tmp_path / "form.bin"
    src.write_bytes(data)
    for extra in ([], ["-H", "Transfer-Encoding: chunked"]):
        out = curl(*extra, "-F", f"file=@{src}", "-F", "note=ignored",
                   f"http://127.0.0.1:{web}/api/fs/upload?path=/form.bin")
        assert json.loads(out)["ok"] is True
        assert open(os.path.join(rootdir, "form.bin"), "rb").read() == data


def test_a_broken_form_upload_is_refused_and_loses_nothing(web, rootdir):
    assert request(web, "POST", "/api/fs/write?path=/keep2.txt", b"precious\n")[0].status == 200
    form = b"--XyZ\r\nContent-Disposition: form-data; name=\"f\"\r\n\r\nno closing delimiter"
    r, _ = request(web, "POST", "/api/fs/upload?path=/keep2.txt", form,
                   {"Content-Type": "multipart/form-data; boundary=XyZ"})
    assert r.status == 400
    r, _ = request(web, "POST", "/api/fs/upload?path=/keep2.txt", b"x",
                   {"Content-Type": "multipart/form-data; boundary=\"unclosed"})
    assert r.status == 400
    assert request(web, "GET", "/api/fs/read?path=/keep2.txt")[1] == b"precious\n"
    assert not os.path.exists(os.path.join(rootdir, "keep2.txt.part"))
