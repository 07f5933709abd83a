"""Helpers for the uhttpd tests: the service on a free port, and small real clients."""
import http.client
import json
import socket
import subprocess

import pytest

from conftest import SLOW
from netutil import start_service


@pytest.fixture
def web(upyos):
    port = start_service(upyos, "uhttpd")
    web.port = port
    return port


def request(port, method, path, body=None, headers=None):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=10 * SLOW)
    headers = dict(headers or {})
    if isinstance(body, (dict, list)):
        body = json.dumps(body)
        headers.setdefault("Content-Type", "application/json")
    c.request(method, path, body=body, headers=headers)
    r = c.getresponse()
    data = r.read()
    c.close()
    return r, data


def jrequest(port, method, path, body=None, headers=None):
    r, data = request(port, method, path, body, headers)
    return r.status, json.loads(data)


def curl(*args):
    return subprocess.run(["curl", "-sS", *args], capture_output=True, timeout=30 * SLOW).stdout


def raw(port, data, timeout=15):
    s = socket.create_connection(("127.0.0.1", port), timeout=timeout * SLOW)
    try:
        s.sendall(data)
    except (BrokenPipeError, ConnectionResetError):
        pass
    out = b""
    try:
        while True:
            d = s.recv(4096)
            if not d:
                break
            out += d
    except (ConnectionResetError, socket.timeout):
        pass
    s.close()
    return out


def login_token(port, user, password):
    """Logs in through the API; the session token from the HttpOnly cookie."""
    r, body = request(port, "POST", "/api/login", {"user": user, "password": password})
    assert r.status == 200, body
    cookie = r.getheader("Set-Cookie")
    assert "HttpOnly" in cookie
    return cookie.split("session=")[1].split(";")[0]
