"""Helpers for the network tests: free ports, credentials, and small real clients."""
import os
import socket
import time

import pytest

from conftest import SLOW


def free_port():
    """A TCP port nobody listens on now (the OS picks it)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def set_password(console, user, password):
    """Sets the remote-services login as a user does, with setauth."""
    out = console.run(f"setauth {user} {password} {password}")
    assert "setauth:" not in out, out
    assert f"User: {user}" in console.run("setauth -v")


def wait_port(port, timeout=5):
    end = time.time() + timeout * SLOW
    while time.time() < end:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.05)
    raise TimeoutError(f"nothing listens on {port}")


def start_service(upyos, name, port=None, tries=5):
    """Starts a service as a user does; returns its port. Without a port it takes a free
    one, and takes another if that one was taken meanwhile: a port free_port() found is
    only free until some other test's client picks it as its own ephemeral port."""
    for _ in range(tries if port is None else 1):
        want = port or free_port()
        out = upyos.run(f"{name} start -p {want}")
        if "address in use" not in out or port is not None:
            break
    assert f"{name} started on port {want}" in out, out
    wait_port(want)
    return want


IAC, DONT, DO, WONT, WILL, SB, SE, IP = 255, 254, 253, 252, 251, 250, 240, 244
ECHO, SGA, NAWS = 1, 3, 31


class Telnet:
    """A socket-level telnet client: collects the server's option requests apart from text."""

    def __init__(self, port, answer=True):
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=5 * SLOW)
        self.text = b""
        self.options = []          # (verb, option) received
        self.answer = answer
        self.closed = False

    def _feed(self, data):
        i = 0
        while i < len(data):
            b = data[i]
            if b == IAC and i + 1 < len(data):
                verb = data[i + 1]
                if verb in (DO, DONT, WILL, WONT) and i + 2 < len(data):
                    opt = data[i + 2]
                    self.options.append((verb, opt))
                    if self.answer and verb == DO and opt == NAWS:
                        self.sock.sendall(bytes([IAC, WILL, NAWS, IAC, SB, NAWS, 0, 100, 0, 30, IAC, SE]))
                    elif self.answer and verb == WILL:
                        self.sock.sendall(bytes([IAC, DO, opt]))
                    i += 3
                    continue
                if verb == IAC:
                    self.text += b"\xff"
                i += 2
                continue
            self.text += bytes([b])
            i += 1

    def _receive(self, timeout):
        """Waits up to timeout seconds for data and takes in what came; a connection the
        server closed (or reset) is marked closed."""
        self.sock.settimeout(timeout)
        try:
            data = self.sock.recv(4096)
        except socket.timeout:
            return
        except ConnectionResetError:
            data = b""
        if data:
            self._feed(data)
        else:
            self.closed = True

    def read_until(self, marker, timeout=5):
        marker = marker.encode() if isinstance(marker, str) else marker
        end = time.time() + timeout * SLOW
        while marker not in self.text:
            left = end - time.time()
            if left <= 0 or self.closed:
                raise TimeoutError(f"{marker!r} not seen; got {self.text[-300:]!r}")
            self._receive(left)
        before, _, after = self.text.partition(marker)
        self.text = after
        return before.decode(errors="replace")

    def wait_closed(self, timeout=5):
        end = time.time() + timeout * SLOW
        while not self.closed and time.time() < end:
            self._receive(max(0.01, end - time.time()))
        return self.closed

    def login(self, user, password):
        """Answers the Login: and Password: prompts."""
        self.read_until("Login: ")
        self.line(user)
        self.read_until("Password: ")
        self.line(password)

    def send(self, data):
        self.sock.sendall(data.encode() if isinstance(data, str) else data)

    def line(self, text):
        self.send(text + "\r\n")

    def run(self, cmd, timeout=5):
        """Types a command, returns what it printed before the next prompt."""
        self.line(cmd)
        self.read_until(cmd + "\r\n", timeout)
        return self.read_until("$: ", timeout).replace("\r\n", "\n")

    def close(self):
        self.sock.close()


def telnet_session(port, user, password):
    """One whole telnet session: log in, reach the prompt, exit, see the connection close."""
    t = Telnet(port)
    t.login(user, password)
    t.read_until("$: ")
    t.line("exit")
    t.wait_closed()
    t.close()


def boot_locked(boot, user, password, *services, **boot_args):
    """Boots to the prompt (boot_args: image=... for a flash-image root), sets the remote login
    (setauth) and starts each service on a free port: the console and the ports, in the order
    given."""
    c = boot(**boot_args)
    c.wait_prompt()
    set_password(c, user, password)
    return c, [start_service(c, name) for name in services]


def process_usage(pid, kind="VmRSS"):
    """A process's resident memory (KiB) and its number of open descriptors. kind="RssAnon"
    leaves out file pages: a simulator on a flash image reads it through a mapping, so its
    VmRSS grows up to the image's size as the log is read, without holding any memory."""
    rss = 0
    for line in open(f"/proc/{pid}/status"):
        if line.startswith(kind + ":"):
            rss = int(line.split()[1])
    return rss, len(os.listdir(f"/proc/{pid}/fd"))


def wait_listening(port, timeout=5):
    """Waits until something listens on port, without connecting (a one-shot server would
    take the probe for its client)."""
    end = time.time() + timeout * SLOW
    want = f":{port:04X} "
    while time.time() < end:
        for table in ("/proc/net/tcp", "/proc/net/tcp6"):
            try:
                lines = open(table).read().splitlines()[1:]
            except OSError:
                continue
            if any(want in l.split(None, 3)[1] + " " and l.split()[3] == "0A" for l in lines):
                return
        time.sleep(0.05)
    raise TimeoutError(f"nothing listens on {port}")


@pytest.fixture
def ftp(upyos):
    """uftpd started on a free port of a booted system; its port."""
    return start_service(upyos, "uftpd")
