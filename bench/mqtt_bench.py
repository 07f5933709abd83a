#!/usr/bin/python3
"""MQTT publish throughput through one mosquitto on 127.0.0.1 (docs/mqtt.md), QoS 0 and 1,
against mosquitto_pub/mosquitto_sub in the same run:

  board to host   `cat /lines.txt | mqttc pub -l` on the simulator (one message a line) while
                  a mosquitto_sub counts them; reference: mosquitto_pub -l with the same lines
  host to board   mosquitto_pub -l sends the lines; `mqttc listen -n N` on the simulator takes
                  them; reference: a mosquitto_sub taking them

Each figure is messages a second from the publisher's start to the last message taken, the
best of RUNS. The issue's goal: the board at least 0.8x the reference client.
MQTT_BENCH_MESSAGES changes N."""
import os
import shutil
import subprocess
import sys
import tempfile
import time

from benchlib import REPO, report

sys.path.insert(0, os.path.join(REPO, "tests", "e2e"))
from conftest import Console  # noqa: E402
from netutil import free_port, wait_port  # noqa: E402

N = int(os.environ.get("MQTT_BENCH_MESSAGES", "2000"))
RUNS = 3
TOPIC = "bench/t"
LINES = "".join(f"message {i:06d} of the benchmark\n" for i in range(N))


def mosquitto(tmp):
    port = free_port()
    conf = os.path.join(tmp, "mosquitto.conf")
    with open(conf, "w") as f:
        f.write(f"listener {port} 127.0.0.1\nallow_anonymous true\nlog_type none\n"
                "max_queued_messages 0\n")          # none dropped however fast they come
    p = subprocess.Popen(["mosquitto", "-c", conf], stdout=subprocess.DEVNULL,
                         stderr=subprocess.DEVNULL)
    wait_port(port)
    return p, port


def subscriber(port, qos):
    """A mosquitto_sub that has its subscription when this returns; it exits after N."""
    p = subprocess.Popen(["stdbuf", "-oL", "mosquitto_sub", "-d", "-p", str(port), "-t", TOPIC,
                          "-q", str(qos), "-C", str(N)], stdout=subprocess.PIPE, text=True)
    for line in p.stdout:
        if "SUBACK" in line:
            break
    return p


def counted(p):
    out, _ = p.communicate(timeout=120)
    got = sum(1 for line in out.splitlines() if line.startswith("message "))
    if got != N:
        raise SystemExit(f"the subscriber got {got} of {N} messages")


def host_publish(port, qos, lines_file):
    with open(lines_file) as f:
        return subprocess.Popen(["mosquitto_pub", "-p", str(port), "-t", TOPIC, "-q", str(qos),
                                 "-l"], stdin=f)


def reference_up(port, qos, lines_file):
    sub = subscriber(port, qos)
    start = time.perf_counter()
    host_publish(port, qos, lines_file).wait()
    counted(sub)
    return N / (time.perf_counter() - start)


def board_up(c, port, qos):
    sub = subscriber(port, qos)
    start = time.perf_counter()
    out = c.run(f"cat /lines.txt | mqttc pub -t {TOPIC} -l -q {qos}", timeout=120)
    counted(sub)
    if out:
        raise SystemExit(out)
    return N / (time.perf_counter() - start)


def reference_down(port, qos, lines_file):
    return reference_up(port, qos, lines_file)      # the same: mosquitto_sub takes them


def board_down(c, port, qos, lines_file):
    assert c.run(f"mqttc sub -t {TOPIC} -q {qos}") == ""
    c.send(f"mqttc listen -n {N} -w 120 > got\n")    # what comes first waits in the socket
    start = time.perf_counter()
    host_publish(port, qos, lines_file).wait()
    c.wait_prompt(timeout=120)
    elapsed = time.perf_counter() - start
    assert c.run("mqttc unsub -t " + TOPIC) == ""
    status = c.run("echo $?").strip()
    if status != "0":
        raise SystemExit(f"listen: status {status}")
    return N / elapsed


def main():
    if shutil.which("mosquitto") is None:
        print("  mosquitto is not installed: skipped")
        return 0
    tmp = tempfile.mkdtemp(prefix="upyos-mqtt-")
    broker, port = mosquitto(tmp)
    root = os.path.join(tmp, "root")
    shutil.copytree(os.path.join(REPO, "rootfs"), root)
    lines_file = os.path.join(root, "lines.txt")
    with open(lines_file, "w") as f:
        f.write(LINES)
    c = Console(root)
    try:
        c.child.delaybeforesend = None
        c.wait_prompt()
        assert c.run(f"mqttc ping -h 127.0.0.1 -p {port}").startswith("pong")
        for qos in (0, 1):
            ref = max(reference_up(port, qos, lines_file) for _ in range(RUNS))
            ours = max(board_up(c, port, qos) for _ in range(RUNS))
            report(f"QoS {qos} board to host, {N} messages", ours, "msg/s", "mosquitto_pub", ref)
            ref = max(reference_down(port, qos, lines_file) for _ in range(RUNS))
            ours = max(board_down(c, port, qos, lines_file) for _ in range(RUNS))
            report(f"QoS {qos} host to board, {N} messages", ours, "msg/s", "mosquitto_sub",
                   ref)
    finally:
        c.kill()
        c.close()
        broker.kill()
        broker.wait()
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
