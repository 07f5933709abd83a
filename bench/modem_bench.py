#!/usr/bin/python3
"""The network through an ESP-AT modem (net/esp_at_net.c), on the posix simulator's
posix-modem board with the modem simulator pacing its UART as a line at the baud rate would
(tools/esp_at_sim.py --baud):

  1. TCP throughput of a bulk download (wget from a host HTTP server on 127.0.0.1) at 115200
     and 921600 baud, against the line rate (baud / 10 bytes a second, 8N1); goal 0.8
  2. the latency of a small HTTP GET (wget of 100 bytes): from the command line sent to the
     prompt back, median of 5
  3. the driver's flash and RAM on mps2-an385 (goal: under 12 KB, 3 KB plus buffers), from
     the firmware's objects compiled without LTO as the build compiles them
"""
import functools
import http.server
import json
import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import threading
import time

import pexpect

from benchlib import REPO, UPYOS, median, report, scratch_root

SIM = os.path.join(REPO, "tools", "esp_at_sim.py")
PROMPT = r"\r\n/[^\r\n]* \$: "
BAUDS = {115200: 96 * 1024, 921600: 512 * 1024}     # rate: bytes to fetch
DRIVER = ["net/esp_at_net.c", "net/netif.c", "net/at_modem.c", "net/at_parser.c"]
BUFFERS = ["ports/mps2-an385/uart.c"]              # the UART's receive ring


def web_server(folder):
    handler = functools.partial(type("Quiet", (http.server.SimpleHTTPRequestHandler,),
                                     {"log_message": lambda *a: None}), directory=folder)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


class Board:
    """The simulator on posix-modem, its UART 1 on a modem simulator at baud, joined."""

    def __init__(self, tmp, root, baud):
        sock = os.path.join(tmp, f"modem{baud}.sock")
        self.sim = subprocess.Popen([sys.executable, SIM, "--listen", sock, "--baud", str(baud),
                                     "--ap", "bench:benchpass", "--join-delay", "0"],
                                    stdout=subprocess.PIPE, text=True)
        self.sim.stdout.readline()
        self.child = None
        try:
            self.start(root, sock)
        except Exception:
            self.close()
            raise

    def start(self, root, sock):
        self.child = pexpect.spawn(UPYOS, ["--root", root, "--board", "posix-modem",
                                           "--uart", "1=" + sock], encoding="utf-8",
                                   timeout=120, dimensions=(24, 200))
        self.child.expect(PROMPT)
        self.run("wifi sta connect bench benchpass")

    def run(self, line, timeout=120):
        self.child.sendline(line)
        self.child.expect(PROMPT, timeout=timeout)
        return self.child.before

    def timed(self, line):
        start = time.perf_counter()
        out = self.run(line)
        return time.perf_counter() - start, out

    def close(self):
        if self.child:
            self.child.terminate(force=True)
        self.sim.kill()
        self.sim.wait()


def throughput_and_latency(tmp, root, server):
    port = server.server_address[1]
    for baud, size in BAUDS.items():
        board = Board(tmp, root, baud)
        try:
            took, out = board.timed(f"wget http://127.0.0.1:{port}/bulk{size}.bin -O /opt/b.bin")
            assert "Saved" in out, out
            line_rate = baud / 10
            report(f"TCP download at {baud} baud", size / took / 1024, "KB/s",
                   "line rate", line_rate / 1024)
            small = [board.timed(f"wget http://127.0.0.1:{port}/small.txt -O /opt/s.txt")[0]
                     for _ in range(5)]
            report(f"HTTP GET of 100 bytes at {baud} baud", median(small) * 1000, "ms")
        finally:
            board.close()


def object_size(entry, out):
    """text, data, bss of the build's compile of one file, without LTO (whose objects hold
    no code until the link)."""
    args = [a for a in shlex.split(entry["command"]) if not a.startswith("-flto")]
    args[args.index("-o") + 1] = out
    subprocess.run(args, cwd=entry["directory"], check=True)
    fields = subprocess.run(["arm-none-eabi-size", out], capture_output=True,
                            text=True).stdout.splitlines()[1].split()
    return [int(f) for f in fields[:3]]


def driver_size(tmp):
    db = os.path.join(REPO, "build/mps2/compile_commands.json")
    if not os.path.exists(db):
        print("  driver size: build/mps2 missing (make build-mps2-an385)")
        return
    entries = json.load(open(db))
    totals = {}
    for group, files in (("driver", DRIVER), ("buffers", BUFFERS)):
        flash = ram = 0
        for name in files:
            entry = next(e for e in entries if e["file"].endswith(name))
            text, data, bss = object_size(entry, os.path.join(tmp, os.path.basename(name) + ".o"))
            print(f"    {name:<28} flash {text + data:6d}  RAM {data + bss:5d}")
            flash, ram = flash + text + data, ram + data + bss
        totals[group] = (flash, ram)
    report("driver flash on mps2-an385", totals["driver"][0] / 1024, "KB", "goal", 12)
    report("driver RAM on mps2-an385", totals["driver"][1] / 1024, "KB", "goal", 3)
    report("UART receive ring (stated buffer)", totals["buffers"][1] / 1024, "KB")


def main():
    tmp, root = scratch_root()
    srv = os.path.join(tmp, "srv")
    os.mkdir(srv)
    for size in BAUDS.values():
        with open(os.path.join(srv, f"bulk{size}.bin"), "wb") as f:
            f.write(os.urandom(size))
    with open(os.path.join(srv, "small.txt"), "wb") as f:
        f.write(b"x" * 100)
    server = web_server(srv)
    try:
        throughput_and_latency(tmp, root, server)
        driver_size(tempfile.mkdtemp(dir=tmp))
    finally:
        server.shutdown()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
