"""What docs/services.md promises about the servers' limits, each tried: FTP active mode goes
back to the client only (no bounce), a body a handler leaves unread is skipped up to 64 KB to
keep the connection (closed beyond), and an upload reaches the file as it arrives."""
import ftplib
import os
import socket

import pytest

from conftest import SLOW
from httputil import raw, web  # noqa: F401 (web is a fixture)
from netutil import ftp  # noqa: F401 (a fixture)
from procutil import until

pytestmark = pytest.mark.posix_only


def test_active_mode_connects_only_back_to_the_client(ftp):
    f = ftplib.FTP()
    f.connect("127.0.0.1", ftp, timeout=10 * SLOW)
    f.login("anon", "x")
    for bounce in ("EPRT |1|127.0.0.2|2000|", "PORT 127,0,0,2,7,208",
                   "EPRT |1|10.0.0.1|21|"):
        with pytest.raises(ftplib.error_perm, match="^504"):
            f.sendcmd(bounce)
    assert f.sendcmd("EPRT |1|127.0.0.1|2000|").startswith("200")
    f.quit()


def two_requests_on_one_connection(port, body_size, chunked=False):
    """A GET with a body the static-file handler never reads (its length given, or chunked
    in pieces of 1,000 bytes), then a second GET on the same connection: what the server
    answered."""
    if chunked:
        pieces = [b"b" * min(1000, body_size - i) for i in range(0, body_size, 1000)]
        body = b"".join(b"%x\r\n%s\r\n" % (len(p), p) for p in pieces) + b"0\r\n\r\n"
        framing = "Transfer-Encoding: chunked"
    else:
        body, framing = b"b" * body_size, f"Content-Length: {body_size}"
    return raw(port, f"GET /style.css HTTP/1.1\r\nHost: x\r\n{framing}\r\n\r\n".encode() + body
               + b"GET /index.html HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")


@pytest.mark.parametrize("chunked", [False, True])
def test_an_unread_body_is_skipped_up_to_64_kb(web, chunked):
    out = two_requests_on_one_connection(web, 60_000, chunked)
    assert out.count(b"HTTP/1.1 200 ") == 2            # the connection went on
    out = two_requests_on_one_connection(web, 70_000, chunked)
    assert out.count(b"HTTP/1.1 200 ") == 1            # closed after the first answer


def test_an_upload_reaches_the_file_while_it_arrives(web, rootdir):
    total, sent = 400_000, 200_000
    s = socket.create_connection(("127.0.0.1", web), timeout=10 * SLOW)
    s.sendall(f"POST /api/fs/upload?path=/stream.bin HTTP/1.1\r\nHost: x\r\n"
              f"Content-Length: {total}\r\n\r\n".encode() + os.urandom(sent))
    part = os.path.join(rootdir, "stream.bin.part")
    size = lambda: os.path.getsize(part) if os.path.exists(part) else 0   # noqa: E731
    # all but the last piece of what was sent is in the file before the body is complete
    assert until(lambda: size() >= sent - 512), size()
    assert size() <= sent
    s.close()
