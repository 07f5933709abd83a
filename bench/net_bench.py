#!/usr/bin/python3
"""Network services against reference servers run in the same invocation, on 127.0.0.1:

  1. HTTP requests/s for a 1 KB file with wrk, 1 and 16 connections: uhttpd against BusyBox
     httpd (a fork per request) and nginx (access log off) serving the same file, nginx with
     one worker and with Debian's default (worker_processes auto: one per core)
  2. FTP STOR then RETR of 10 MB and of 100 MB with ftplib: uftpd against vsftpd
  3. the soak: the simulator's memory and open descriptors after a warm-up and again after
     20,000 HTTP requests and 500 telnet logins
  4. the mixed soak on a flash image, 5 minutes: HTTP uploads and reads, API commands, FTP
     transfers, telnet logins and background jobs at once (tests/e2e/soakmix.py), with memory
     and descriptors each minute and every file checked through the image at the end

nginx and vsftpd run from temporary configurations in a scratch directory (nothing in /etc or
/var is read or written). `tools/deps.sh bench` installs them; a reference that is missing or
does not start is named in the output and its ratio left out.

Arguments name the parts to run (http, ftp, soak, mixed); none runs them all.
"""
import ftplib
import http.client
import io
import os
import re
import shutil
import subprocess
import sys
import threading
import time

from benchlib import BUSYBOX, MKFS, UPYOS, median, report, scratch_image, scratch_root

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "e2e"))
from httputil import login_token  # noqa: E402
from netutil import free_port, process_usage, telnet_session, wait_port  # noqa: E402
from soakmix import MixedLoad  # noqa: E402

WRK_SECONDS = 5
FTP_RUNS = 3
FTP_SIZES_MB = (10, 100)
WARMUP = (500, 10)                 # HTTP requests, telnet logins
SOAK = (20000, 500)
SOAK_SECONDS = 900                 # the soak stops here even if unfinished, and says so
MIXED_MINUTES = 5


def drain(fd):
    """Reads fd to its end, keeping nothing."""
    while os.read(fd, 65536):
        pass


def boot(root, image=None):
    """The simulator with uhttpd, uftpd and utelnetd on free ports, on a host folder or on
    a flash image."""
    ports = {"uhttpd": free_port(), "uftpd": free_port(), "utelnetd": free_port()}
    where = ["--image", image] if image else ["--root", root]
    p = subprocess.Popen([UPYOS, *where], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                         stderr=subprocess.DEVNULL)
    # A key in the boot's first second asks for recovery and is not input (docs/architecture.md):
    # the lines go once the prompt is out; the output after it is read and dropped.
    seen = b""
    while b"$: " not in seen:
        chunk = os.read(p.stdout.fileno(), 4096)
        if not chunk:
            raise RuntimeError("the simulator ended before its prompt: " + seen[-300:].decode())
        seen += chunk
    threading.Thread(target=drain, args=(p.stdout.fileno(),), daemon=True).start()
    p.stdin.write(b"setauth bench benchpw benchpw\n")
    for name, port in ports.items():
        p.stdin.write(f"{name} start -p {port}\n".encode())
    p.stdin.flush()
    for port in ports.values():
        wait_port(port, timeout=10)
    return p, ports


class References:
    """The reference servers started for this run; every one is stopped at the end."""

    def __init__(self, tmp):
        self.tmp = tmp
        self.procs = []

    def start(self, name, argv, port, log=None):
        """Starts argv and waits for its port; None, with the reason printed, if it cannot."""
        if not shutil.which(argv[0]):
            print(f"  ({name}: not installed; tools/deps.sh bench installs it)")
            return None
        p = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.procs.append(p)
        try:
            wait_port(port, timeout=10)
        except TimeoutError:
            lines = open(log).read().split("\n") if log and os.path.exists(log) else []
            last = next((line for line in reversed(lines) if line.strip()), "")
            print(f"  ({name}: did not start (exit {p.poll()}) {last})")
            return None
        return port

    def stop(self):
        # SIGTERM first: nginx's master then ends its worker, which SIGKILL would orphan.
        for p in self.procs:
            p.terminate()
        for p in self.procs:
            try:
                p.wait(timeout=5)
            except subprocess.TimeoutExpired:
                p.kill()
                p.wait()
        self.procs = []


def www_dir(tmp, one_kb):
    """A directory holding bench.bin that any worker user can read (nginx's worker runs as
    nobody when started by root)."""
    d = os.path.join(tmp, "refwww")
    os.makedirs(d)
    os.chmod(tmp, 0o711)
    os.chmod(d, 0o755)
    with open(os.path.join(d, "bench.bin"), "wb") as f:
        f.write(one_kb)
    os.chmod(os.path.join(d, "bench.bin"), 0o644)
    return d


def start_busybox_httpd(refs, www):
    port = free_port()
    return refs.start("busybox httpd", [BUSYBOX or "busybox", "httpd", "-f", "-p",
                                        f"127.0.0.1:{port}", "-h", www], port)


def start_nginx(refs, www, workers):
    """nginx in the foreground with the given worker_processes, everything it writes under
    tmp/nginx-WORKERS."""
    d = os.path.join(refs.tmp, f"nginx-{workers}")
    os.makedirs(d)
    port = free_port()
    conf = os.path.join(d, "nginx.conf")
    with open(conf, "w") as f:
        f.write(f"""daemon off;
worker_processes {workers};
pid {d}/nginx.pid;
error_log {d}/error.log;
events {{ worker_connections 256; }}
http {{
    access_log off;
    default_type application/octet-stream;
    client_body_temp_path {d}/body;
    proxy_temp_path {d}/proxy;
    fastcgi_temp_path {d}/fastcgi;
    uwsgi_temp_path {d}/uwsgi;
    scgi_temp_path {d}/scgi;
    server {{
        listen 127.0.0.1:{port};
        root {www};
    }}
}}
""")
    # -e: the log for errors met before the configuration is read (by default in /var/log).
    return refs.start("nginx", ["nginx", "-p", d, "-e", f"{d}/error.log", "-c", conf], port,
                      log=f"{d}/error.log")


def start_vsftpd(refs):
    """vsftpd with an anonymous, writable upload directory."""
    root = os.path.join(refs.tmp, "vsroot")
    os.makedirs(os.path.join(root, "up"))
    os.makedirs(os.path.join(refs.tmp, "empty"))
    os.chmod(root, 0o555)
    os.chmod(os.path.join(root, "up"), 0o777)
    port = free_port()
    conf = os.path.join(refs.tmp, "vsftpd.conf")
    with open(conf, "w") as f:
        f.write(f"""listen=YES
listen_address=127.0.0.1
listen_port={port}
anonymous_enable=YES
local_enable=NO
anon_root={root}
write_enable=YES
anon_upload_enable=YES
anon_other_write_enable=YES
anon_world_readable_only=NO
anon_umask=022
no_anon_password=YES
seccomp_sandbox=NO
background=NO
secure_chroot_dir={refs.tmp}/empty
""")
    return refs.start("vsftpd", ["vsftpd", conf], port)


def wrk(port, path, connections):
    out = subprocess.run(["wrk", f"-t{min(connections, 2)}", f"-c{connections}",
                          f"-d{WRK_SECONDS}s", f"http://127.0.0.1:{port}{path}"],
                         capture_output=True, text=True, timeout=WRK_SECONDS + 30).stdout
    m = re.search(r"Requests/sec:\s+([\d.]+)", out)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)|Socket errors: (.*)", out)
    if errors or not m:
        # a rate that counts refused or broken requests is no figure of serving files
        print(f"    (wrk, port {port}: {errors.group(0) if errors else 'no result'}: "
              "no figure from this run)")
        return None
    return float(m.group(1))


def bench_http(refs, ports, one_kb):
    if not shutil.which("wrk"):
        print("  (wrk: not installed; HTTP figures skipped)")
        return
    www = www_dir(refs.tmp, one_kb)
    references = [("busybox httpd", start_busybox_httpd(refs, www)),
                  ("nginx, 1 worker", start_nginx(refs, www, 1)),
                  ("nginx, workers auto", start_nginx(refs, www, "auto"))]
    print(f"  HTTP GET of a 1 KB file, wrk {WRK_SECONDS} s")
    for c in (1, 16):
        ours = wrk(ports["uhttpd"], "/bench.bin", c)
        if ours is None:
            continue
        for name, port in references:
            ref = wrk(port, "/bench.bin", c) if port else None
            report(f"uhttpd requests/s, {c} connection(s)", ours, "req/s", name, ref)


def ftp_times(port, user, password, store_name, data):
    """Median seconds to STOR then RETR data, and to STOR it under a new name each time (no
    file to replace: uftpd replaces a file atomically, a part file renamed over it, and on
    ext4 that rename starts the new file's writeback; vsftpd overwrites in place)."""
    stor, retr, fresh = [], [], []
    for run in range(FTP_RUNS):
        f = ftplib.FTP()
        f.connect("127.0.0.1", port, timeout=60)
        f.login(user, password)
        t = time.perf_counter()
        f.storbinary(f"STOR {store_name}.new{run}", io.BytesIO(data), blocksize=65536)
        fresh.append(time.perf_counter() - t)
        f.delete(f"{store_name}.new{run}")
        t = time.perf_counter()
        f.storbinary(f"STOR {store_name}", io.BytesIO(data), blocksize=65536)
        stor.append(time.perf_counter() - t)
        got = io.BytesIO()
        t = time.perf_counter()
        f.retrbinary(f"RETR {store_name}", got.write, blocksize=65536)
        retr.append(time.perf_counter() - t)
        assert got.getvalue() == data
        f.quit()
    return median(stor), median(retr), median(fresh)


def bench_ftp(refs, ports, root):
    with open(os.path.join(root, "up.bin"), "wb"):
        pass
    vs_port = start_vsftpd(refs)
    for mb in FTP_SIZES_MB:
        data = os.urandom(mb * 1024 * 1024)
        stor, retr, fresh = ftp_times(ports["uftpd"], "bench", "benchpw", "up.bin", data)
        vstor, vretr, vfresh = (ftp_times(vs_port, "anonymous", "", "up/x.bin", data)
                                if vs_port else (None, None, None))
        print(f"  FTP {mb} MB, median of {FTP_RUNS} (ftplib, passive)")
        report(f"uftpd STOR {mb} MB", stor, "s", "vsftpd", vstor)
        report(f"uftpd RETR {mb} MB", retr, "s", "vsftpd", vretr)
        report(f"uftpd STOR {mb} MB, a new file", fresh, "s", "vsftpd", vfresh)


def load(ports, requests, logins, deadline):
    """HTTP requests (100 per connection, a file and the status API in turn), then telnet
    logins, until done or the deadline. Returns how many of each were done."""
    conn = http.client.HTTPConnection("127.0.0.1", ports["uhttpd"], timeout=10)
    done = 0
    while done < requests and time.monotonic() < deadline:
        conn.request("GET", "/bench.bin" if done % 2 else "/api/status")
        conn.getresponse().read()
        done += 1
        if done % 100 == 0:
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", ports["uhttpd"], timeout=10)
    conn.close()
    logged = 0
    while logged < logins and time.monotonic() < deadline:
        telnet_session(ports["utelnetd"], "bench", "benchpw")
        logged += 1
    return done, logged


def bench_soak(sim, ports):
    deadline = time.monotonic() + SOAK_SECONDS
    load(ports, *WARMUP, deadline)
    time.sleep(0.5)
    rss0, fds0 = process_usage(sim.pid)
    start = time.monotonic()
    requests, logins = load(ports, *SOAK, deadline)
    took = time.monotonic() - start
    time.sleep(0.5)
    rss1, fds1 = process_usage(sim.pid)
    print(f"  soak, after a warm-up of {WARMUP[0]} requests and {WARMUP[1]} logins: "
          f"{requests:,} HTTP requests (100 per connection) and {logins} telnet logins "
          f"in {took:.0f} s")
    if (requests, logins) != SOAK:
        print(f"    (stopped at the {SOAK_SECONDS} s limit, short of {SOAK[0]:,} and {SOAK[1]})")
    report("RSS before", rss0, "KiB")
    report("RSS after", rss1, "KiB")
    report("open descriptors before", fds0, "")
    report("open descriptors after", fds1, "")


def memory(pid):
    rss, fds = process_usage(pid)
    return rss, process_usage(pid, "RssAnon")[0], fds


def bench_mixed_soak(tmp, root):
    """Five minutes of every kind of client at once on a flash image."""
    image = scratch_image(tmp, root)
    sim, ports = boot(root, image)
    sim.stdin.write(b"mkdir /soak\n")
    sim.stdin.flush()
    load = MixedLoad(ports["uhttpd"], ports["uftpd"], ports["utelnetd"], "bench", "benchpw",
                     "session=" + login_token(ports["uhttpd"], "bench", "benchpw"))
    load.run(40, time.monotonic() + 120)                # warm-up
    time.sleep(0.5)
    first = memory(sim.pid)
    print(f"  mixed soak on a flash image, {MIXED_MINUTES} minutes of 5 clients at once "
          f"(after a warm-up of 40 rounds each)")
    print(f"    {'minute':>6} {'VmRSS KiB':>10} {'RssAnon KiB':>12} {'fds':>4}  rounds so far")
    print(f"    {0:>6} {first[0]:>10} {first[1]:>12} {first[2]:>4}")
    for minute in range(1, MIXED_MINUTES + 1):
        done = load.run(10 ** 9, time.monotonic() + 60)
        now = memory(sim.pid)
        print(f"    {minute:>6} {now[0]:>10} {now[1]:>12} {now[2]:>4}  {done}", flush=True)
    sim.stdin.write(b"exit\ny\n")
    sim.stdin.close()
    sim.wait(timeout=30)
    out = os.path.join(tmp, "extracted")
    subprocess.run([MKFS, "--extract", image, out], check=True, capture_output=True)
    wrong = [p for p, data in load.expected.items()
             if open(os.path.join(out, p.lstrip("/")), "rb").read() != data]
    print(f"    errors seen by the clients: {len(load.errors)}; files checked through the image: "
          f"{len(load.expected)}, wrong: {len(wrong)}")
    report("anonymous RSS growth over the soak", now[1] - first[1], "KiB")
    report("VmRSS growth (the image's mapped pages included)", now[0] - first[0], "KiB")


def main():
    parts = set(sys.argv[1:]) or {"http", "ftp", "soak", "mixed"}
    tmp, root = scratch_root()
    one_kb = os.urandom(1024)
    with open(os.path.join(root, "www", "bench.bin"), "wb") as f:
        f.write(one_kb)
    sim, ports = boot(root)
    refs = References(tmp)
    try:
        if "http" in parts:
            bench_http(refs, ports, one_kb)
        if "ftp" in parts:
            bench_ftp(refs, ports, root)
        refs.stop()
        if "soak" in parts:
            bench_soak(sim, ports)
        if "mixed" in parts:
            bench_mixed_soak(tmp, root)
    finally:
        refs.stop()
        sim.kill()
        sim.wait()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
