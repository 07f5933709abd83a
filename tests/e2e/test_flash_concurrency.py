"""The flash filesystem used by many threads at once: shell background jobs, HTTP and FTP
clients write and read files on a flash image root at the same time, for a bounded time.
Afterwards every file holds exactly what its last writer wrote, the image checks clean and
nothing crashed. flashfs takes one lock per mount around every operation (docs/flashfs.md);
without it these runs crashed the simulator or turned the image corrupt within seconds."""
import ftplib
import http.client
import io
import os
import random
import shutil
import subprocess
import threading
import time

import pytest

from conftest import IMAGE_SIZE, MKFS, REPO, SLOW
from httputil import request
from netutil import start_service

BIG = "".join(f"line {i:04d} of the shared file\n" for i in range(200))   # 6,000 bytes
JOBS, ROUNDS = 3, 40
NET_SECONDS = 4                     # how long the network clients keep going


def make_image(tmp_path, scripts):
    """A flash image (2 MB, the Pico's 1 MB) of rootfs/ plus /s/big.txt and the job scripts in /opt."""
    stage = tmp_path / "stage"
    shutil.copytree(os.path.join(REPO, "rootfs"), stage)
    (stage / "s").mkdir()
    (stage / "s" / "big.txt").write_text(BIG)
    for name, text in scripts.items():
        (stage / "opt" / name).write_text(text)
    image = str(tmp_path / "flash.img")
    subprocess.run([MKFS, "-s", IMAGE_SIZE, image, str(stage)], check=True, capture_output=True)
    return image


def writer_script(i):
    """Appends numbered lines to its own file and copies the shared file, ROUNDS times."""
    return (f"export n{i} 0\n"
            ":loop\n"
            f"incr n{i}\n"
            f"echo w{i} $n{i} >> /s/w{i}.txt\n"
            f"cp /s/big.txt /s/c{i}.txt\n"
            f"if $n{i} < {ROUNDS} goto loop\n")


def reader_script(i):
    """Counts the shared file's lines ROUNDS times; says BAD when a count is wrong."""
    return (f"export m{i} 0\n"
            ":loop\n"
            f"incr m{i}\n"
            f"grep -c shared /s/big.txt > g{i}\n"
            f"if $g{i} != 200 echo BAD r{i} $g{i}\n"
            f"if $m{i} < {ROUNDS} goto loop\n")


def job_scripts():
    scripts = {f"w{i}.sh": writer_script(i) for i in range(JOBS)}
    scripts.update({f"r{i}.sh": reader_script(i) for i in range(JOBS)})
    return scripts


class Jobs:
    """The writer and reader scripts as background jobs. A job may end before the others
    have started, so both its "[pid]" and its "[pid]+ Done" are watched for from the start."""

    def __init__(self, c):
        self.c, self.started, self.done, self.seen = c, set(), set(), ""
        line = "; ".join(f"sh /opt/{name} &" for name in sorted(job_scripts()))
        c.send(line + "\r")
        while len(self.started) < 2 * JOBS:
            self._next(timeout=20)

    def _next(self, timeout):
        # a job's start is "[pid]" and a line end: never the first part of "[pid]+ Done"
        i = self.c.expect([r"\[(\d+)\]\+ Done", r"\[(\d+)\]\r\n"], timeout=timeout)
        self.seen += self.c.child.before
        (self.done if i == 0 else self.started).add(int(self.c.child.match.group(1)))

    def wait(self, timeout):
        """Waits until every job has ended; returns what the console showed meanwhile (a
        reader's BAD line, an error of a writer)."""
        while self.done != self.started:
            self._next(timeout)
        return self.seen + self.c.run("echo synced")


def extract(image, tmp_path):
    out = tmp_path / "extracted"
    subprocess.run([MKFS, "--extract", image, str(out)], check=True, capture_output=True)
    return out


def check_jobs_output(root, seen):
    assert "BAD" not in seen and "corrupt" not in seen and "error" not in seen.lower(), seen
    for i in range(JOBS):
        expected = "".join(f"w{i} {n}\n" for n in range(1, ROUNDS + 1))
        assert (root / "s" / f"w{i}.txt").read_text() == expected
        assert (root / "s" / f"c{i}.txt").read_text() == BIG


def check_image(image):
    r = subprocess.run([MKFS, "--check", image], capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr


def test_shell_jobs_write_and_read_the_flash_at_once(boot, tmp_path):
    image = make_image(tmp_path, job_scripts())
    c = boot(image=image)
    c.wait_prompt()
    seen = Jobs(c).wait(timeout=120)
    assert c.exit() == 0
    check_jobs_output(extract(image, tmp_path), seen)
    check_image(image)


class Clients:
    """Network clients that each write and read back their own files in a loop until a
    deadline, remembering what every file must hold at the end."""

    def __init__(self, http_port, ftp_port, deadline):
        self.http, self.ftp, self.deadline = http_port, ftp_port, deadline
        self.expected = {}               # path -> bytes its last completed write stored
        self.errors = []
        self.lock = threading.Lock()
        self.rounds = 0
        self.local = threading.local()

    def run(self, work, *args):
        try:
            rng = random.Random(repr(args))
            while time.monotonic() < self.deadline and not self.errors:
                work(rng, *args)
                with self.lock:
                    self.rounds += 1
        except Exception as e:              # collected and asserted on by the test
            self.errors.append(f"{work.__name__}{args}: {e!r}")
        finally:
            if getattr(self.local, "conn", None):
                self.local.conn.close()

    def request(self, method, path, body=None):
        """One HTTP request on the worker's own keep-alive connection, as a browser keeps
        one (a new connection per request only measures how fast the server frees them)."""
        if getattr(self.local, "conn", None) is None:
            self.local.conn = http.client.HTTPConnection("127.0.0.1", self.http,
                                                         timeout=20 * SLOW)
        self.local.conn.request(method, path, body=body)
        r = self.local.conn.getresponse()
        return r, r.read()

    def stored(self, path, data):
        with self.lock:
            self.expected[path] = data

    def http_upload(self, rng, i):
        path = f"/s/h{i}_{rng.randrange(3)}.bin"
        data = rng.randbytes(rng.choice((100, 3000, 9000, 20000)))
        r, body = self.request("POST", "/api/fs/upload?path=" + path, data)
        assert r.status == 200, (r.status, body)
        self.stored(path, data)
        r, got = self.request("GET", "/api/fs/download?path=" + path)
        assert r.status == 200 and got == data, (r.status, len(got), len(data))

    def http_read(self, rng):
        r, got = self.request("GET", "/api/fs/download?path=/s/big.txt")
        assert r.status == 200 and got == BIG.encode(), (r.status, got[:80])

    def ftp_store(self, rng, i):
        f = ftplib.FTP()
        f.connect("127.0.0.1", self.ftp, timeout=20 * SLOW)
        f.login("anon", "x")
        try:
            for _ in range(4):
                path = f"/s/f{i}_{rng.randrange(3)}.bin"
                data = rng.randbytes(rng.choice((200, 5000, 17000)))
                f.storbinary("STOR " + path, io.BytesIO(data))
                self.stored(path, data)
                got = io.BytesIO()
                f.retrbinary("RETR " + path, got.write)
                assert got.getvalue() == data, (path, len(got.getvalue()), len(data))
                got = io.BytesIO()
                f.retrbinary("RETR /s/big.txt", got.write)
                assert got.getvalue() == BIG.encode()
        finally:
            f.close()


@pytest.mark.posix_only   # the MCU port has no network
def test_http_ftp_and_shell_jobs_use_the_flash_at_once(boot, tmp_path):
    image = make_image(tmp_path, job_scripts())
    c = boot(image=image)
    c.wait_prompt()
    http_port = start_service(c, "uhttpd")
    ftp_port = start_service(c, "uftpd")
    jobs = Jobs(c)
    clients = Clients(http_port, ftp_port, time.monotonic() + NET_SECONDS)
    work = [(clients.http_upload, 0), (clients.http_upload, 1), (clients.http_read,),
            (clients.http_read,), (clients.ftp_store, 0), (clients.ftp_store, 1)]
    threads = [threading.Thread(target=clients.run, args=w) for w in work]
    for t in threads:
        t.start()
    for t in threads:
        t.join((NET_SECONDS + 60) * SLOW)
    assert clients.errors == [], clients.errors[:3]
    assert clients.rounds > 20, clients.rounds          # the load did run
    seen = jobs.wait(timeout=120)
    for path, data in clients.expected.items():          # through the running system
        r, got = request(http_port, "GET", "/api/fs/download?path=" + path)
        assert r.status == 200 and got == data, path
    assert c.exit() == 0
    root = extract(image, tmp_path)                       # and as the image keeps them
    check_jobs_output(root, seen)
    for path, data in clients.expected.items():
        assert (root / path.lstrip("/")).read_bytes() == data, path
    assert not [p for p in os.listdir(root / "s") if p.endswith(".part")]
    check_image(image)
