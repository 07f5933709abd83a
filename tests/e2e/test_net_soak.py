"""Soak: uhttpd and utelnetd under a long run of requests and logins keep the simulator's
memory and open descriptors where they were after a warm-up (a leak of a few bytes per request
or a socket per login shows here long before it would on a board)."""
import http.client
import time

import pytest

from conftest import CHECK_EXIT, SLOW
from httputil import login_token
from netutil import boot_locked, process_usage, telnet_session

pytestmark = pytest.mark.posix_only

# 20,000 requests and 500 logins on the normal build (about 40 s); the sanitizer build,
# several times slower and checked for leaks when the OS exits, runs a tenth of it.
REQUESTS, LOGINS = (20_000, 500) if SLOW == 1 else (2_000, 50)
TIME_LIMIT = 600 * SLOW          # seconds for the whole soak, however slow the machine


def test_soak_of_requests_and_telnet_logins_does_not_grow(boot):
    c, (hport, tport) = boot_locked(boot, "admin", "pass1", "uhttpd", "utelnetd")
    pid = c.child.pid
    cookie = {"Cookie": "session=" + login_token(hport, "admin", "pass1")}
    deadline = time.monotonic() + TIME_LIMIT

    def load(requests, logins):
        conn = http.client.HTTPConnection("127.0.0.1", hport, timeout=10 * SLOW)
        for i in range(requests):
            assert time.monotonic() < deadline, f"soak too slow: {i} requests"
            conn.request("GET", "/style.css" if i % 2 else "/api/status", headers=cookie)
            r = conn.getresponse()
            r.read()
            assert r.status == 200
            if i % 100 == 99:              # new connections too
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", hport, timeout=10 * SLOW)
        conn.close()
        for i in range(logins):
            assert time.monotonic() < deadline, f"soak too slow: {i} logins"
            telnet_session(tport, "admin", "pass1")

    load(300, 5)                           # warm-up: caches, thread stacks, allocator pools
    time.sleep(0.5)
    rss0, fds0 = process_usage(pid)
    load(REQUESTS, LOGINS)
    time.sleep(0.5)
    rss1, fds1 = process_usage(pid)
    assert fds1 <= fds0
    # Under the sanitizers freed memory waits in ASan's quarantine, so RSS grows without a
    # leak; there LeakSanitizer's check when the OS exits (CHECK_EXIT) stands in for this.
    if not CHECK_EXIT:
        assert rss1 - rss0 < 2048, (rss0, rss1)   # KiB
