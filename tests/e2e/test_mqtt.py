"""mqttc against a real broker: Debian's mosquitto, started by each test on a free loopback
port with its own configuration (a password file made with mosquitto_passwd, an ACL and
persistence), and mosquitto_pub/mosquitto_sub on the other side."""
import getpass
import os
import re
import shutil
import signal
import subprocess
import time

import pytest

from conftest import SLOW, put_file
from netutil import free_port, wait_port
from test_tls import install_ca, pki  # noqa: F401 (a fixture)

# The MCU port has no network interface yet; the broker tools must be installed.
pytestmark = [pytest.mark.posix_only,
              pytest.mark.skipif(shutil.which("mosquitto") is None, reason="no mosquitto")]

USER, PASSWORD = "board", "s3cret"


class Broker:
    """A mosquitto of the test's own; restart() keeps its port and its saved sessions."""

    def __init__(self, tmp_path, pki=None):
        self.dir = tmp_path / "broker"
        self.dir.mkdir()
        self.port = free_port()
        passwords = self.dir / "passwd"
        subprocess.run(["mosquitto_passwd", "-b", "-c", str(passwords), USER, PASSWORD],
                       check=True, capture_output=True)
        subprocess.run(["mosquitto_passwd", "-b", str(passwords), "other", "other"],
                       check=True, capture_output=True)
        acl = self.dir / "acl"
        acl.write_text(f"user {USER}\ntopic readwrite #\n\nuser other\ntopic read public/#\n")
        self.conf = self.dir / "mosquitto.conf"
        self.conf.write_text(
            f"listener {self.port} 127.0.0.1\nallow_anonymous false\n"
            f"password_file {passwords}\nacl_file {acl}\n"
            f"persistence true\npersistence_location {self.dir}/\n"
            f"log_dest file {self.dir}/log\nlog_type all\n"
            # run as root, mosquitto changes to this user: the one who owns the files
            f"user {getpass.getuser()}\n")
        if pki:         # a TLS listener too, with the certificate test_tls makes for localhost
            self.tls_port = free_port()
            with open(self.conf, "a") as f:
                f.write(f"listener {self.tls_port} 127.0.0.1\ncafile {pki}/ca.pem\n"
                        f"certfile {pki}/good.pem\nkeyfile {pki}/good.key\n")
        os.chmod(passwords, 0o600)
        self.proc = None
        self.subs = []
        self.start()

    def start(self):
        self.proc = subprocess.Popen(["mosquitto", "-c", str(self.conf)],
                                     stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_port(self.port)

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)     # saves the sessions on the way out
            self.proc.wait(timeout=10 * SLOW)

    def restart(self):
        self.stop()
        self.start()

    def args(self, user=USER, password=PASSWORD):
        return f"-h 127.0.0.1 -p {self.port} -u {user} -P {password}"

    def pub(self, topic, message, qos=0, retain=False):
        cmd = ["mosquitto_pub", "-p", str(self.port), "-u", USER, "-P", PASSWORD, "-t", topic,
               "-m", message, "-q", str(qos)] + (["-r"] if retain else [])
        subprocess.run(cmd, check=True, timeout=10 * SLOW)

    def sub(self, topic, count=1):
        """A mosquitto_sub that has its subscription when this returns."""
        # -d says when the SUBACK came; stdbuf makes it say so at once into the pipe
        proc = subprocess.Popen(["stdbuf", "-oL", "mosquitto_sub", "-d", "-p", str(self.port),
                                 "-u", USER, "-P", PASSWORD, "-t", topic, "-v", "-q", "2",
                                 "-C", str(count)],
                                stdout=subprocess.PIPE, text=True)
        self.subs.append(proc)
        deadline = time.time() + 10 * SLOW
        for line in proc.stdout:
            if "SUBACK" in line or time.time() > deadline:
                break
        return proc

    def received(self, proc):
        out, _ = proc.communicate(timeout=10 * SLOW)
        return [line for line in out.splitlines()
                if not line.startswith(("Client ", "Subscribed "))]


@pytest.fixture
def broker(tmp_path):
    b = Broker(tmp_path)
    yield b
    b.stop()
    for proc in b.subs:                                 # those a failed test left waiting
        if proc.poll() is None:
            proc.kill()
            proc.wait()


def status(upyos):
    return upyos.run("echo $?").strip()


@pytest.mark.parametrize("qos", [0, 1, 2])
def test_pub_reaches_mosquitto_sub(upyos, broker, qos):
    sub = broker.sub("home/bedroom/temp")
    assert upyos.run(f'mqttc pub {broker.args()} -t home/bedroom/temp -m "25" -q {qos}') == ""
    assert status(upyos) == "0"
    assert broker.received(sub) == ["home/bedroom/temp 25"]


@pytest.mark.parametrize("qos", [0, 1, 2])
def test_listen_prints_what_mosquitto_pub_sends(upyos, broker, qos):
    assert upyos.run(f"mqttc sub {broker.args()} -t home/+/temp -q {qos}") == ""
    broker.pub("home/kitchen/temp", "21.5", qos=qos)
    out = upyos.run("mqttc listen -n 1 -w 10", timeout=15)
    assert out == "home/kitchen/temp: 21.5\n"
    assert "home/+/temp (QoS" in upyos.run("mqttc listsub")


def test_the_connection_is_kept_and_wildcards_filter(upyos, broker):
    upyos.run(f"mqttc sub {broker.args()} -t a/# -q 1")
    upyos.run("mqttc sub -t b/+/c -q 1")                 # the kept connection: no -h
    for topic in ["a", "a/x/y", "b/1/c", "b/1/d", "c/a", "$SYS/x"]:
        if not topic.startswith("$"):
            broker.pub(topic, "m-" + topic, qos=1)
    out = upyos.run("mqttc listen -n 3 -w 10", timeout=15)
    assert out.splitlines() == ["a: m-a", "a/x/y: m-a/x/y", "b/1/c: m-b/1/c"]
    upyos.run("mqttc unsub -t a/#")
    assert upyos.run("mqttc listsub") == "b/+/c (QoS 1)\n"
    assert upyos.run("mqttc ping").startswith(f"pong from 127.0.0.1:{broker.port} in ")


@pytest.mark.parametrize("qos", [0, 1])
def test_pub_l_sends_each_line_of_its_input(upyos, broker, qos):
    lines = [f"reading {i}" for i in range(20)]       # more than the window of 8
    put_file(upyos.root, "/lines.txt", "\n".join(lines) + "\n")
    sub = broker.sub("sensor/log", count=len(lines))
    assert upyos.run(f"cat /lines.txt | mqttc pub {broker.args()} -t sensor/log -l -q {qos}") == ""
    assert status(upyos) == "0"
    assert broker.received(sub) == [f"sensor/log {line}" for line in lines]
    assert upyos.run("mqttc pub -t sensor/log -l -m x") == \
        "mqttc: pub needs -t TOPIC and -m MESSAGE\n"


def test_retained_messages_both_ways(upyos, broker):
    broker.pub("cfg/led", "on", qos=1, retain=True)
    upyos.run(f"mqttc sub {broker.args()} -t cfg/#")
    assert upyos.run("mqttc listen -n 1 -w 10", timeout=15) == "cfg/led: on\n"
    upyos.run("mqttc pub -t cfg/fan -m off -r -q 1")
    sub = broker.sub("cfg/fan")                          # comes after: gets the retained one
    assert broker.received(sub) == ["cfg/fan off"]


def test_a_message_can_be_kept_in_a_variable(upyos, broker):
    upyos.run(f"mqttc sub {broker.args()} -t cmd/led -q 1")
    broker.pub("cmd/led", "blink", qos=1)
    assert upyos.run("mqttc listen -n 1 -w 10 > action", timeout=15) == ""
    assert upyos.run("echo $action") == "blink\n"


def test_listen_in_the_background(upyos, broker):
    upyos.run(f"mqttc sub {broker.args()} -t bg/# -q 1")
    upyos.run("mqttc listen &")
    broker.pub("bg/one", "first", qos=1)
    upyos.expect("bg/one: first", timeout=10)
    out = upyos.run("mqttc pub -t bg/two -m second -q 1")   # the shell shares the connection
    if "bg/two: second" not in out:
        upyos.expect("bg/two: second", timeout=10)


def test_bad_password_and_no_broker_are_clear_errors(upyos, broker):
    out = upyos.run(f"mqttc pub {broker.args(password='wrong')} -t t -m x")
    assert re.match(rf"mqttc: connect 127\.0\.0\.1:{broker.port}: refused by the broker: "
                    r"(not authorized|bad user name or password)\n$", out), out
    assert status(upyos) == "1"
    port = free_port()
    out = upyos.run(f"mqttc pub -h 127.0.0.1 -p {port} -t t -m x")
    assert out == f"mqttc: connect 127.0.0.1:{port}: connection refused\n"
    assert status(upyos) == "1"
    assert upyos.run("mqttc listsub") == ""             # nothing kept from a failed connect
    out = upyos.run("mqttc ping")
    assert out == "mqttc: not connected: give the broker with -h HOST\n"


def test_usage_errors(upyos, broker):
    assert "mqttc pub|sub|unsub|listsub|ping|close|listen" in upyos.run("mqttc --help")
    assert upyos.run(f"mqttc pub {broker.args()} -t t") == \
        "mqttc: pub needs -t TOPIC and -m MESSAGE\n"
    assert status(upyos) == "2"
    assert upyos.run("mqttc ping") == \
        "mqttc: not connected: give the broker with -h HOST\n"    # refused before connecting
    upyos.run(f"mqttc sub {broker.args()} -t x")
    assert upyos.run("mqttc pub -t a/+ -m x") == "mqttc: a/+: not a topic to publish to\n"
    assert upyos.run("mqttc sub -t a/#/b") == "mqttc: a/#/b: not a topic filter\n"
    assert upyos.run("mqttc pub -t t -m x -q 3") == "mqttc: -q 3: not a number from 0 to 2\n"
    assert status(upyos) == "2"


@pytest.mark.parametrize("qos", [0, 1])
def test_a_message_over_the_limit_is_refused_and_the_next_comes(upyos, broker, qos):
    upyos.run(f"mqttc sub {broker.args()} -s -i big1 -t big -q {qos}")
    broker.pub("big", "x" * 2000, qos=qos)
    broker.pub("big", "small", qos=qos)
    out = upyos.run("mqttc listen -n 1 -w 10", timeout=15)
    assert out == "mqttc: 1 message over 1024 bytes refused\nbig: small\n", out
    # Acknowledged, so a persistent session does not get it again after a reconnect.
    broker.restart()
    assert upyos.run("mqttc ping").startswith("pong")  # connected again: QoS 0 is not queued
    broker.pub("big", "after", qos=qos)
    assert upyos.run("mqttc listen -n 1 -w 10", timeout=15) == "big: after\n"


@pytest.mark.parametrize("qos", [1, 2])
def test_a_persistent_session_survives_a_broker_restart(upyos, broker, qos):
    upyos.run(f"mqttc sub {broker.args()} -s -i board7 -k 5 -t stream/# -q {qos}")
    for i in range(5):
        broker.pub(f"stream/{i}", str(i), qos=qos)
    assert upyos.run("mqttc listen -n 2 -w 10", timeout=15).splitlines() == \
        ["stream/0: 0", "stream/1: 1"]
    broker.restart()                                    # mid-stream: 3 not yet taken
    for i in range(5, 10):
        broker.pub(f"stream/{i}", str(i), qos=qos)      # queued for the offline session
    out = upyos.run("mqttc listen -n 8 -w 20", timeout=30).splitlines()
    got = [line.split(": ")[1] for line in out]
    assert sorted(set(got), key=int) == [str(i) for i in range(2, 10)], out
    if qos == 2:
        assert len(got) == len(set(got)), out           # exactly once


def test_the_will_fires_when_the_board_dies(upyos, broker):
    sub = broker.sub("boards/b1/status")
    upyos.run(f"mqttc ping {broker.args()} -i b1 -k 5 --will boards/b1/status "
              "--will-msg offline --will-qos 1")
    upyos.kill()
    assert broker.received(sub) == ["boards/b1/status offline"]


def test_the_broker_acl_decides_what_a_user_reads(upyos, broker):
    upyos.run(f"mqttc sub {broker.args('other', 'other')} -t +/+ -q 1")
    broker.pub("private/x", "secret", qos=1)            # the ACL lets "other" read public/#
    broker.pub("public/y", "hello", qos=1)
    assert upyos.run("mqttc listen -n 1 -w 10", timeout=15) == "public/y: hello\n"


def test_ctrl_c_ends_listen_and_the_connection_stays(upyos, broker):
    upyos.run(f"mqttc sub {broker.args()} -t live -q 1")
    upyos.send("mqttc listen\r")
    broker.pub("live", "one", qos=1)
    upyos.expect("live: one")
    upyos.send("\x03")
    upyos.wait_prompt()
    broker.pub("live", "two", qos=1)
    assert upyos.run("mqttc listen -n 1 -w 10", timeout=15) == "live: two\n"


def test_mqttc_over_tls_checks_the_brokers_certificate(upyos, rootdir, tmp_path, pki):
    broker = Broker(tmp_path, pki=pki)
    try:
        install_ca(rootdir, pki)                        # /etc/ca.pem: the CA that signed it
        install_ca(rootdir, pki, "other-ca", "/etc/other.pem")
        login = f"-h localhost -p {broker.tls_port} -u {USER} -P {PASSWORD}"
        sub = broker.sub("secure/temp")
        assert upyos.run(f"mqttc pub {login} --tls -t secure/temp -m 19 -q 1") == ""
        assert status(upyos) == "0"
        assert broker.received(sub) == ["secure/temp 19"]
        out = upyos.run(f"mqttc pub {login} --ca /etc/other.pem -t secure/temp -m 20")
        assert out == f"mqttc: connect localhost:{broker.tls_port}: certificate verify failed\n"
        assert status(upyos) != "0"
        out = upyos.run(f"mqttc pub {login} --insecure -t secure/temp -m 21")
        assert "warning: not checking the broker's certificate" in out
        assert status(upyos) == "0"
    finally:
        broker.stop()
