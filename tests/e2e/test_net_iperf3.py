"""iperf3 against Debian's iperf3 3.x, both ways round, TCP and UDP, each direction (-R).

Debian's iperf3 reports in JSON (-J); what it measured is checked against what upyOS-C printed,
so a side that sent nothing, or counted wrong, fails."""
import json
import re
import subprocess

import pytest

from conftest import SLOW
from netutil import free_port, wait_listening

pytestmark = pytest.mark.posix_only

RUN_TIMEOUT = 30 * SLOW


def debian_client(port, *args):
    """Runs Debian's iperf3 client against our server; its JSON report."""
    r = subprocess.run(["iperf3", "-c", "127.0.0.1", "-p", str(port), "-J", *args],
                       capture_output=True, text=True, timeout=RUN_TIMEOUT)
    result = json.loads(r.stdout)
    assert "error" not in result, result.get("error")
    return result


class DebianServer:
    """Debian's iperf3 -s -1, reporting in JSON when the test ends."""

    def __init__(self):
        self.port = free_port()
        self.proc = subprocess.Popen(["iperf3", "-s", "-1", "-p", str(self.port), "-J"],
                                     stdout=subprocess.PIPE, text=True)
        # Not wait_port: iperf3 -1 would take its probe connection for the one test.
        wait_listening(self.port)

    def result(self):
        out = self.proc.communicate(timeout=RUN_TIMEOUT)[0]
        result = json.loads(out)
        assert "error" not in result, result.get("error")
        return result

    def kill(self):
        self.proc.kill()
        self.proc.wait()


@pytest.fixture
def debian_server():
    server = DebianServer()
    yield server
    server.kill()


def our_server(upyos):
    port = free_port()
    upyos.send(f"iperf3 -s -1 -p {port}\r")
    upyos.expect("Server listening")
    return port


def summary_bytes(out, role):
    """The bytes in our summary line for role ("sender" or "receiver")."""
    m = re.search(r"sec\s+([\d.]+) (|K|M|G)Bytes .*\b" + role + r"\s*(\n|$)", out)
    assert m, out
    return float(m.group(1)) * {"": 1, "K": 1024, "M": 1024 ** 2, "G": 1024 ** 3}[m.group(2)]


def udp_counts(out, role):
    """(lost, total) datagrams in our UDP summary line for role."""
    m = re.search(r"ms\s+(\d+)/(\d+) \([^)]*\)\s+" + role, out)
    assert m, out
    return int(m.group(1)), int(m.group(2))


# ---- TCP ----

def test_tcp_our_server_receives_from_iperf3(upyos):
    port = our_server(upyos)
    result = debian_client(port, "-t", "2")
    received = result["end"]["sum_received"]["bytes"]
    assert received > 1_000_000
    out = upyos.wait_prompt(timeout=15)
    assert "Accepted connection from 127.0.0.1" in out
    assert summary_bytes(out, "receiver") == pytest.approx(received, rel=0.01)


def test_tcp_our_server_sends_to_iperf3_reverse(upyos):
    port = our_server(upyos)
    result = debian_client(port, "-t", "2", "-R")
    received = result["end"]["sum_received"]["bytes"]
    assert received > 1_000_000
    out = upyos.wait_prompt(timeout=15)
    assert summary_bytes(out, "sender") >= received * 0.99


def test_tcp_our_client_sends_to_iperf3(upyos, debian_server):
    out = upyos.run(f"iperf3 -c 127.0.0.1 -p {debian_server.port} -t 2", timeout=20 * SLOW)
    assert "iperf Done." in out
    received = debian_server.result()["end"]["sum_received"]["bytes"]
    assert received > 1_000_000
    assert summary_bytes(out, "receiver") == pytest.approx(received, rel=0.01)


def test_tcp_our_client_receives_from_iperf3_reverse(upyos, debian_server):
    out = upyos.run(f"iperf3 -c 127.0.0.1 -p {debian_server.port} -t 2 -R", timeout=20 * SLOW)
    assert "the server sends" in out and "iperf Done." in out
    debian_server.result()
    assert summary_bytes(out, "receiver") > 1_000_000


# ---- UDP ----

def test_udp_our_server_receives_from_iperf3(upyos):
    port = our_server(upyos)
    result = debian_client(port, "-u", "-t", "2", "-b", "4M")
    total = result["end"]["sum"]
    assert total["packets"] > 0 and total["lost_percent"] < 5
    out = upyos.wait_prompt(timeout=15)
    assert "Lost/Total Datagrams" in out
    lost, packets = udp_counts(out, "receiver")
    assert packets == total["packets"] and lost == total["lost_packets"]


def test_udp_our_server_sends_to_iperf3_reverse(upyos):
    port = our_server(upyos)
    result = debian_client(port, "-u", "-t", "2", "-b", "4M", "-R", "-l", "1200")
    total = result["end"]["sum"]
    # 4 Mbit/s for 2 s is 833 datagrams of 1200 bytes: the sender kept to the rate.
    assert 400 < total["packets"] < 1700 and total["lost_percent"] < 5
    out = upyos.wait_prompt(timeout=15)
    lost, sent = udp_counts(out, "sender")
    assert sent >= total["packets"]


def test_udp_our_client_sends_to_iperf3(upyos, debian_server):
    out = upyos.run(f"iperf3 -c 127.0.0.1 -p {debian_server.port} -u -t 2 -b 2M",
                    timeout=20 * SLOW)
    assert "iperf Done." in out
    total = debian_server.result()["end"]["sum"]
    assert total["packets"] > 0 and total["lost_percent"] < 5
    lost, packets = udp_counts(out, "receiver")
    assert (lost, packets) == (total["lost_packets"], total["packets"])
    # 2 Mbit/s for 2 s in 1460-byte datagrams: about 342 of them.
    assert 170 < packets < 700


def test_udp_our_client_receives_from_iperf3_reverse(upyos, debian_server):
    out = upyos.run(f"iperf3 -c 127.0.0.1 -p {debian_server.port} -u -t 2 -R -b 2M",
                    timeout=20 * SLOW)
    assert "iperf Done." in out
    sent = debian_server.result()["end"]["sum"]["packets"]
    lost, packets = udp_counts(out, "receiver")
    assert packets > 0 and packets >= sent - 2 and lost <= packets * 0.05


# ---- what we do not do is refused, not mis-measured ----

def test_parallel_streams_are_refused_politely(upyos):
    port = our_server(upyos)
    r = subprocess.run(["iperf3", "-c", "127.0.0.1", "-p", str(port), "-P", "2", "-t", "1"],
                       capture_output=True, text=True, timeout=RUN_TIMEOUT)
    assert r.returncode != 0
    assert "refused a test: only one stream" in upyos.wait_prompt(timeout=15)


def test_bad_options_are_errors(upyos):
    assert "-l: a UDP datagram" in upyos.run("iperf3 -c 127.0.0.1 -u -l 70000")
    assert "not a rate" in upyos.run("iperf3 -c 127.0.0.1 -b fast")
    assert "give -s or -c HOST" in upyos.run("iperf3 -u")
