"""Once a password is set, nothing that needs a login answers before it: every HTTP route and
every FTP command the servers' own tables mark as needing a login is tried without one. The
lists come from the tables in the source, so a route or command added later is tried too.
Every login path also refuses a wrong user with the right password."""
import ftplib
import http.client
import json
import os
import re
import socket

import pytest

from conftest import REPO, SLOW
from netutil import Telnet, boot_locked

pytestmark = pytest.mark.posix_only


def source(path):
    return open(os.path.join(REPO, path)).read()


def http_routes():
    """(method, path, open_without_login) from net/svc/http_api.c's route table."""
    table = source("net/svc/http_api.c").split("routes[] = {", 1)[1].split("};", 1)[0]
    routes = re.findall(r'\{\s*"([A-Z]+)",\s*"([^"]+)",\s*([01]),', table)
    assert len(routes) >= 17, "the route table was not found"
    return [(m, p, o == "1") for m, p, o in routes]


def ftp_commands():
    """(verb, needs_login, needs_arg) from net/svc/ftpd.c's command table."""
    table = source("net/svc/ftpd.c").split("commands[] = {", 1)[1].split("};", 1)[0]
    rows = [(v, a == "1", g == "1")
            for v, a, g in re.findall(r'\{\s*"([A-Z]+)",\s*([01]),\s*([01]),', table)]
    rows += [(v, kind != "OPEN", kind == "AUTH_ARG")
             for kind, v in re.findall(r'\b(OPEN|AUTH|AUTH_ARG)\("([A-Z]+)"', table)]
    assert len(rows) >= 40, "the command table was not found"
    return rows


# What may be used before logging in, pinned here: a route or command that becomes open by a
# change to the server's table fails this test until someone decides it here too.
OPEN_ROUTES = {("POST", "/api/login"), ("GET", "/api/logout")}
OPEN_FTP = {"USER", "PASS", "QUIT", "SYST", "NOOP", "FEAT", "OPTS", "HELP", "STAT"}


def test_only_the_pinned_routes_and_commands_are_open():
    assert {(m, p) for m, p, is_open in http_routes() if is_open} == OPEN_ROUTES
    assert {v for v, needs, _ in ftp_commands() if not needs} == OPEN_FTP


@pytest.fixture(scope="module")
def locked(tmp_path_factory):
    """One locked system with all three services for the whole module."""
    from conftest import Console
    import shutil
    root = str(tmp_path_factory.mktemp("login") / "root")
    shutil.copytree(os.path.join(REPO, "rootfs"), root)
    consoles = []

    def boot(**kw):
        c = Console(root, (), **kw)
        consoles.append(c)
        return c
    c, ports = boot_locked(boot, "admin", "s3cret", "uhttpd", "uftpd", "utelnetd")
    with open(os.path.join(root, "victim.txt"), "w") as f:
        f.write("untouched")
    yield dict(zip(("http", "ftp", "telnet"), ports), root=root)
    for con in consoles:
        con.close()


@pytest.mark.parametrize("method,path", [(m, p) for m, p, is_open in http_routes() if not is_open])
def test_every_protected_route_is_refused_before_login(locked, method, path):
    for cookie in (None, "session=not-a-token"):
        c = http.client.HTTPConnection("127.0.0.1", locked["http"], timeout=10 * SLOW)
        headers = {"Content-Type": "application/json"}
        if cookie:
            headers["Cookie"] = cookie
        body = json.dumps({"path": "/victim.txt", "to": "/moved.txt", "cmd": "rm /victim.txt",
                           "pin": 2, "value": 1}) if method == "POST" else None
        c.request(method, path + ("?path=/victim.txt" if method == "GET" else ""), body=body,
                  headers=headers)
        r = c.getresponse()
        r.read()
        c.close()
        assert r.status == 401, (method, path, cookie, r.status)
    assert open(os.path.join(locked["root"], "victim.txt")).read() == "untouched"


def test_the_web_terminal_is_refused_before_login(locked):
    s = socket.create_connection(("127.0.0.1", locked["http"]), timeout=10 * SLOW)
    s.sendall(b"GET /ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
              b"Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
    assert s.recv(100).startswith(b"HTTP/1.1 401 ")
    s.close()


@pytest.mark.parametrize("verb,needs_arg", [(v, g) for v, needs, g in ftp_commands() if needs])
def test_every_protected_ftp_command_is_refused_before_login(locked, verb, needs_arg):
    f = ftplib.FTP()
    f.connect("127.0.0.1", locked["ftp"], timeout=10 * SLOW)
    line = f"{verb} victim.txt" if needs_arg or verb in ("LIST", "NLST", "MLSD", "MLST") else verb
    with pytest.raises(ftplib.error_perm, match="^530"):
        f.sendcmd(line)
    f.close()
    assert open(os.path.join(locked["root"], "victim.txt")).read() == "untouched"


def test_wrong_user_with_the_right_password_is_refused_everywhere(locked):
    r = http.client.HTTPConnection("127.0.0.1", locked["http"], timeout=10 * SLOW)
    r.request("POST", "/api/login", body=json.dumps({"user": "root", "password": "s3cret"}),
              headers={"Content-Type": "application/json"})
    answer = r.getresponse()
    assert answer.status == 401 and answer.getheader("Set-Cookie") is None
    r.close()
    f = ftplib.FTP()
    f.connect("127.0.0.1", locked["ftp"], timeout=10 * SLOW)
    with pytest.raises(ftplib.error_perm, match="^530"):
        f.login("root", "s3cret")
    f.close()
    t = Telnet(locked["telnet"])
    t.login("root", "s3cret")
    t.read_until("Login incorrect", timeout=15)
    t.close()
