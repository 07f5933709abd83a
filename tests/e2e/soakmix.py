"""A mixed load on a running system, from several client threads at once: HTTP reads and
uploads, commands through the API, FTP transfers, telnet logins and background jobs. Each
worker writes files of its own and remembers what it wrote last, so every file can be checked
after. Used by the mixed soak test and by the bench's long soak."""
import ftplib
import http.client
import json
import os
import threading
import time

from conftest import SLOW
from netutil import Telnet


class MixedLoad:
    def __init__(self, http_port, ftp_port, telnet_port, user, password, cookie):
        self.ports = (http_port, ftp_port, telnet_port)
        self.user, self.password = user, password
        self.headers = {"Cookie": cookie}
        self.expected = {}              # path -> the bytes last written there
        self.errors = []
        self.lock = threading.Lock()
        self.done = {"http": 0, "ftp": 0, "telnet": 0, "api": 0}

    # ---- one round of each kind of client ----

    def http_round(self, worker, i):
        path = f"/soak/h{worker}_{i % 4}.bin"
        data = os.urandom(512 + (i * 97) % 3000)
        c = http.client.HTTPConnection("127.0.0.1", self.ports[0], timeout=20 * SLOW)
        c.request("POST", "/api/fs/upload?path=" + path, body=data, headers=self.headers)
        r = c.getresponse()
        answer = r.read()
        self.check(r.status == 200, f"upload {path}: {r.status} {answer[:80]!r}")
        if r.status == 200:
            self.remember(path, data)
        c.request("GET", "/api/fs/read?path=" + path, headers=self.headers)
        r = c.getresponse()
        got = r.read()
        self.check(r.status == 200 and got == data, f"read back {path}: {r.status}")
        c.request("GET", "/style.css")
        r = c.getresponse()
        r.read()
        self.check(r.status == 200, f"static file: {r.status}")
        c.close()

    def api_round(self, i):
        body = json.dumps({"cmd": "sleep 0.01 &" if i % 3 == 0 else "ls /soak"})
        c = http.client.HTTPConnection("127.0.0.1", self.ports[0], timeout=20 * SLOW)
        c.request("POST", "/api/cmd/run", body=body,
                  headers={**self.headers, "Content-Type": "application/json"})
        r = c.getresponse()
        answer = r.read()
        self.check(r.status == 200 and json.loads(answer).get("status") == 0,
                   f"cmd/run: {r.status} {answer[:80]!r}")
        c.close()

    def ftp_round(self, i):
        path = f"/soak/f_{i % 4}.bin"
        data = os.urandom(256 + (i * 131) % 6000)
        f = ftplib.FTP()
        f.connect("127.0.0.1", self.ports[1], timeout=20 * SLOW)
        f.login(self.user, self.password)
        f.storbinary("STOR " + path, __import__("io").BytesIO(data))
        self.remember(path, data)
        got = []
        f.retrbinary("RETR " + path, got.append)
        self.check(b"".join(got) == data, f"ftp read back {path}")
        f.quit()

    def telnet_round(self, i):
        t = Telnet(self.ports[2])
        t.login(self.user, self.password)
        t.read_until("$: ", timeout=10)
        out = t.run(f"echo round {i} > /soak/t.txt; cat /soak/t.txt", timeout=10)
        self.check(f"round {i}" in out, f"telnet: {out!r}")
        self.remember("/soak/t.txt", f"round {i}\n".encode())
        t.run("sleep 0.02 &", timeout=10)
        t.line("exit")
        t.wait_closed()
        t.close()

    # ---- bookkeeping ----

    def check(self, ok, what):
        if not ok:
            with self.lock:
                self.errors.append(what)

    def remember(self, path, data):
        with self.lock:
            self.expected[path] = data

    def run(self, rounds, deadline):
        """Every kind of client at once, `rounds` rounds each (two HTTP workers); stops at the
        deadline whatever is left. Returns the rounds done per kind."""
        def worker(kind, fn):
            for i in range(rounds):
                if time.monotonic() > deadline:
                    return
                try:
                    fn(i)
                except Exception as e:      # noqa: BLE001 (any failure is a finding)
                    self.check(False, f"{kind} round {i}: {e!r}")
                    return
                with self.lock:
                    self.done[kind] += 1
        threads = [threading.Thread(target=worker, args=("http", lambda i, w=w: self.http_round(w, i)))
                   for w in range(2)]
        threads += [threading.Thread(target=worker, args=("ftp", self.ftp_round)),
                    threading.Thread(target=worker, args=("telnet", self.telnet_round)),
                    threading.Thread(target=worker, args=("api", self.api_round))]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        return dict(self.done)
