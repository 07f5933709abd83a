#!/usr/bin/python3
"""Network services: HTTP requests/s for a 1 KB file with wrk (1 and 16 connections) against
BusyBox httpd serving the same file, and FTP STOR/RETR of 10 MB against vsftpd, in the same
run. Also the bigger soak figures: memory and descriptors of the simulator before and after
20,000 HTTP requests and 200 telnet logins.
Needs: wrk, busybox, vsftpd (tools/deps.sh installs wrk and busybox; apt-get install vsftpd)."""
import ftplib
import http.client
import io
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time

from benchlib import BUSYBOX, UPYOS, median, report, scratch_root

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "e2e"))
from netutil import Telnet, free_port, wait_port  # noqa: E402

WRK_SECONDS = 5
FTP_RUNS = 3
FILE_10M = os.urandom(10 * 1024 * 1024)


def boot(root):
    """The simulator with uhttpd, uftpd and utelnetd on free ports."""
    ports = {"uhttpd": free_port(), "uftpd": free_port(), "utelnetd": free_port()}
    p = subprocess.Popen([UPYOS, "--root", root], stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL)
    p.stdin.write(b"setauth bench benchpw benchpw\n")
    for name, port in ports.items():
        p.stdin.write(f"{name} start -p {port}\n".encode())
    p.stdin.flush()
    for port in ports.values():
        wait_port(port, timeout=10)
    return p, ports


def wrk(port, path, connections):
    out = subprocess.run(["wrk", f"-t{min(connections, 2)}", f"-c{connections}",
                          f"-d{WRK_SECONDS}s", f"http://127.0.0.1:{port}{path}"],
                         capture_output=True, text=True, timeout=WRK_SECONDS + 30).stdout
    m = re.search(r"Requests/sec:\s+([\d.]+)", out)
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)|Socket errors: (.*)", out)
    if errors:
        print(f"    (wrk: {errors.group(0)})")
    return float(m.group(1)) if m else 0.0


def ftp_times(port, user, password, store_name):
    """Median seconds to STOR then RETR 10 MB."""
    stor, retr = [], []
    for _ in range(FTP_RUNS):
        f = ftplib.FTP()
        f.connect("127.0.0.1", port, timeout=60)
        f.login(user, password)
        t = time.perf_counter()
        f.storbinary(f"STOR {store_name}", io.BytesIO(FILE_10M), blocksize=65536)
        stor.append(time.perf_counter() - t)
        got = io.BytesIO()
        t = time.perf_counter()
        f.retrbinary(f"RETR {store_name}", got.write, blocksize=65536)
        retr.append(time.perf_counter() - t)
        assert got.getvalue() == FILE_10M
        f.quit()
    return median(stor), median(retr)


def start_vsftpd(tmp):
    root = os.path.join(tmp, "vsroot")
    os.makedirs(os.path.join(root, "up"))
    os.makedirs(os.path.join(tmp, "empty"))
    os.chmod(root, 0o555)
    os.chmod(os.path.join(root, "up"), 0o777)
    port = free_port()
    conf = os.path.join(tmp, "vsftpd.conf")
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
secure_chroot_dir={tmp}/empty
""")
    p = subprocess.Popen(["vsftpd", conf], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_port(port)
    return p, port


def usage(pid):
    rss = 0
    for line in open(f"/proc/{pid}/status"):
        if line.startswith("VmRSS:"):
            rss = int(line.split()[1])
    return rss, len(os.listdir(f"/proc/{pid}/fd"))


def soak(pid, ports, requests, logins):
    conn = http.client.HTTPConnection("127.0.0.1", ports["uhttpd"], timeout=10)
    for i in range(requests):
        conn.request("GET", "/bench.bin" if i % 2 else "/api/status")
        conn.getresponse().read()
        if i % 100 == 99:
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", ports["uhttpd"], timeout=10)
    conn.close()
    for _ in range(logins):
        t = Telnet(ports["utelnetd"])
        t.read_until("Login: ")
        t.line("bench")
        t.read_until("Password: ")
        t.line("benchpw")
        t.read_until("$: ")
        t.line("exit")
        t.wait_closed()
        t.close()


def main():
    tmp, root = scratch_root()
    one_kb = os.urandom(1024)
    with open(os.path.join(root, "www", "bench.bin"), "wb") as f:
        f.write(one_kb)
    sim, ports = boot(root)
    ref_dir = os.path.join(tmp, "bbwww")
    os.makedirs(ref_dir)
    with open(os.path.join(ref_dir, "bench.bin"), "wb") as f:
        f.write(one_kb)
    bb_port = free_port()
    bb = subprocess.Popen([BUSYBOX, "httpd", "-f", "-p", f"127.0.0.1:{bb_port}", "-h", ref_dir])
    vs = None
    try:
        wait_port(bb_port)
        print(f"  HTTP GET of a 1 KB file, wrk {WRK_SECONDS} s (BusyBox httpd forks per request)")
        for c in (1, 16):
            ours = wrk(ports["uhttpd"], "/bench.bin", c)
            ref = wrk(bb_port, "/bench.bin", c)
            report(f"uhttpd requests/s, {c} connection(s)", ours, "req/s", "busybox httpd", ref)
        with open(os.path.join(root, "up.bin"), "wb"):
            pass
        stor, retr = ftp_times(ports["uftpd"], "bench", "benchpw", "up.bin")
        if shutil.which("vsftpd"):
            vs, vs_port = start_vsftpd(tmp)
            vstor, vretr = ftp_times(vs_port, "anonymous", "", "up/x.bin")
        else:
            vstor = vretr = None
        print(f"  FTP 10 MB, median of {FTP_RUNS} (ftplib, passive)")
        report("uftpd STOR 10 MB", stor, "s", "vsftpd", vstor)
        report("uftpd RETR 10 MB", retr, "s", "vsftpd", vretr)
        soak(sim.pid, ports, 500, 10)
        rss0, fds0 = usage(sim.pid)
        soak(sim.pid, ports, 20000, 200)
        rss1, fds1 = usage(sim.pid)
        print("  soak: 20,000 HTTP requests (100 per connection) and 200 telnet logins")
        report("RSS before", rss0, "KiB")
        report("RSS after", rss1, "KiB")
        report("open descriptors before", fds0, "")
        report("open descriptors after", fds1, "")
    finally:
        for p in (bb, vs, sim):
            if p:
                p.kill()
                p.wait()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
