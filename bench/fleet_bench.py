#!/usr/bin/python3
"""Fleet command round trip on 127.0.0.1 (docs/mqtt.md): 1, 20 and 100 simulators running
mqttd on one mosquitto, and `run --all free` sent as tools/fleet sends it.

  round trip   from publishing the signed request to the last board's result (tools/fleet's
               functions in this process: no interpreter start-up, no broker connect)
  fleet run    the whole `tools/fleet run --all free` command line, as a person runs it
               (start-up, connect, reading the retained status, then the round trip)

The issue's goal: 100 boards answer in under 2 s. FLEET_BENCH_SIZES changes the sizes
(e.g. "1,20")."""
import importlib.machinery
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

from benchlib import REPO, UPYOS, median, report

sys.path.insert(0, os.path.join(REPO, "tests", "e2e"))
from netutil import free_port, wait_port  # noqa: E402

FLEET = os.path.join(REPO, "tools", "fleet")
fleet = importlib.machinery.SourceFileLoader("fleet", FLEET).load_module()
KEY = "bench-key"
RUNS = 5
SIZES = [int(n) for n in os.environ.get("FLEET_BENCH_SIZES", "1,20,100").split(",")]
ONLINE_TIMEOUT_S = 120


def mosquitto(tmp):
    port = free_port()
    conf = os.path.join(tmp, "mosquitto.conf")
    with open(conf, "w") as f:
        f.write(f"listener {port} 127.0.0.1\nallow_anonymous true\nlog_type none\n"
                # else mosquitto holds a result back until the host acknowledges the segment
                # before it (Nagle's algorithm against delayed ACKs: 40 ms on Linux)
                "set_tcp_nodelay true\n")
    p = subprocess.Popen(["mosquitto", "-c", conf], stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL)
    wait_port(port)
    return p, port


def boot_board(tmp, port, sid):
    """A simulator whose init.sh starts mqttd on the bench's broker."""
    root = os.path.join(tmp, sid)
    shutil.copytree(os.path.join(REPO, "rootfs"), root)
    conf = {"mqttd": {"host": "127.0.0.1", "port": port, "key": KEY, "telemetry": 0}}
    with open(os.path.join(root, "etc", "system.conf"), "w") as f:
        json.dump(conf, f)
    with open(os.path.join(root, "etc", "init.sh"), "a") as f:
        f.write("mqttd start\n")
    return subprocess.Popen([UPYOS, "--root", root, "--chip-id", sid], stdin=subprocess.PIPE,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def args_for(port):
    return fleet.parse(["--port", str(port), "--key", KEY, "--timeout", "10", "run", "--all",
                        "free"])


def wait_online(port, n):
    deadline = time.time() + ONLINE_TIMEOUT_S
    while time.time() < deadline:
        broker = fleet.Broker(args_for(port))
        found = fleet.online(fleet.boards(broker))
        broker.close()
        if len(found) >= n:
            return found
        time.sleep(0.5)
    raise SystemExit(f"only {len(found)} of {n} boards came online")


def round_trip(port, sids):
    """Seconds from the request to the last result; every board must answer with status 0."""
    broker = fleet.Broker(args_for(port))
    broker.subscribe(fleet.RESULT)
    req = fleet.request(KEY, "free")
    start = time.perf_counter()
    broker.publish("upyos/all/cmd", req)
    results = fleet.collect(broker, req["id"], sids, 10)
    elapsed = time.perf_counter() - start
    broker.close()
    if len(results) != len(sids) or any(r["status"] != 0 for r in results.values()):
        raise SystemExit(f"{len(results)} of {len(sids)} boards answered")
    return elapsed


def command_line(port):
    start = time.perf_counter()
    r = subprocess.run(["/usr/bin/python3", FLEET, "--port", str(port), "--key", KEY,
                        "run", "--all", "free"], capture_output=True, text=True, timeout=60)
    if r.returncode:
        raise SystemExit(r.stdout + r.stderr)
    return time.perf_counter() - start


def bench(size):
    tmp = tempfile.mkdtemp(prefix="upyos-fleet-")
    broker, port = mosquitto(tmp)
    boards = []
    try:
        boards = [boot_board(tmp, port, f"BE7C{i:04X}") for i in range(size)]
        sids = wait_online(port, size)
        report(f"{size} boards: round trip (median of {RUNS})",
               median([round_trip(port, sids) for _ in range(RUNS)]) * 1000, "ms")
        report(f"{size} boards: `fleet run --all free`",
               median([command_line(port) for _ in range(3)]) * 1000, "ms")
    finally:
        for b in boards:
            b.kill()
            b.wait()
        broker.kill()
        broker.wait()
        shutil.rmtree(tmp, ignore_errors=True)


def main():
    if shutil.which("mosquitto") is None:
        print("  mosquitto is not installed: skipped")
        return 0
    for size in SIZES:
        bench(size)
    return 0


if __name__ == "__main__":
    sys.exit(main())
