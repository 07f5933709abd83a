"""mqttc and the fleet through RabbitMQ's MQTT plugin (docs/mqtt.md, "RabbitMQ"): Debian's
rabbitmq-server, started once for the module on loopback as a node of its own (its name, ports,
Erlang port mapper, data and logs in a temporary folder), with mosquitto_pub/mosquitto_sub on
the other side. Starting the node is what costs here (about 10 s): one for all the tests."""
import os
import shutil
import signal
import subprocess
import time

import pytest

from conftest import SLOW
from netutil import free_port, wait_port
from test_mqtt import PASSWORD, USER, Broker, status
from test_mqtt_fleet import booted_fleet, fleet

SERVER = "/usr/lib/rabbitmq/bin/rabbitmq-server"    # the script itself, not Debian's su wrapper
START_S = 60

pytestmark = [pytest.mark.posix_only,
              pytest.mark.skipif(not os.path.exists(SERVER) or shutil.which("mosquitto_sub")
                                 is None, reason="no rabbitmq-server or mosquitto-clients")]


class RabbitMQ(Broker):
    """A RabbitMQ node with the MQTT plugin, private to the test; the broker helpers (pub,
    sub, received, args) are test_mqtt's."""

    def __init__(self, folder):
        self.dir = folder
        self.port = free_port()
        self.subs = []
        (folder / "enabled_plugins").write_text("[rabbitmq_mqtt].\n")
        (folder / "rabbitmq.conf").write_text(
            f"listeners.tcp.default = 127.0.0.1:{free_port()}\n"
            f"mqtt.listeners.tcp.default = 127.0.0.1:{self.port}\n"
            "mqtt.allow_anonymous = false\n"
            # made on the node's first start: the account every client here logs in with
            f"default_user = {USER}\ndefault_pass = {PASSWORD}\n")
        (folder / "rabbitmq-env.conf").write_text("")     # not /etc/rabbitmq's
        epmd = str(free_port())
        self.env = dict(
            os.environ, HOME=str(folder),               # its Erlang cookie goes there
            RABBITMQ_NODENAME=f"upyos-test-{os.getpid()}-{self.port}@localhost",
            RABBITMQ_NODE_IP_ADDRESS="127.0.0.1", RABBITMQ_DIST_PORT=str(free_port()),
            ERL_EPMD_PORT=epmd, ERL_EPMD_ADDRESS="127.0.0.1",
            RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}",
            RABBITMQ_CONFIG_FILE=str(folder / "rabbitmq"),
            RABBITMQ_CONF_ENV_FILE=str(folder / "rabbitmq-env.conf"),
            RABBITMQ_ENABLED_PLUGINS_FILE=str(folder / "enabled_plugins"),
            RABBITMQ_MNESIA_BASE=str(folder / "mnesia"), RABBITMQ_LOG_BASE=str(folder / "log"),
            RABBITMQ_PID_FILE=str(folder / "pid"))
        self.log = open(folder / "server.out", "w")
        self.proc = subprocess.Popen([SERVER], env=self.env, cwd=str(folder),
                                     stdout=self.log, stderr=subprocess.STDOUT)
        try:
            wait_port(self.port, timeout=START_S)
        except TimeoutError:
            self.stop()
            with open(folder / "server.out") as f:
                pytest.fail(f"rabbitmq-server did not start in {START_S} s:\n{f.read()[-2000:]}")

    def stop(self):
        """SIGTERM: the script stops the node with rabbitmqctl; then the port mapper goes."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=30 * SLOW)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        subprocess.run(["epmd", "-kill"], env=self.env, capture_output=True, timeout=10)
        self.log.close()
        for proc in self.subs:
            if proc.poll() is None:
                proc.kill()
                proc.wait()


@pytest.fixture(scope="module")
def rabbit(tmp_path_factory):
    b = RabbitMQ(tmp_path_factory.mktemp("rabbitmq"))
    yield b
    b.stop()


@pytest.mark.parametrize("qos", [0, 1])
def test_pub_reaches_mosquitto_sub(upyos, rabbit, qos):
    sub = rabbit.sub("home/bedroom/temp")
    assert upyos.run(f"mqttc pub {rabbit.args()} -t home/bedroom/temp -m 25 -q {qos}") == ""
    assert status(upyos) == "0"
    assert rabbit.received(sub) == ["home/bedroom/temp 25"]


@pytest.mark.parametrize("qos", [0, 1])
def test_listen_prints_what_mosquitto_pub_sends(upyos, rabbit, qos):
    assert upyos.run(f"mqttc sub {rabbit.args()} -t home/+/temp -q {qos}") == ""
    rabbit.pub("home/kitchen/temp", "21.5", qos=qos)
    assert upyos.run("mqttc listen -n 1 -w 10", timeout=15) == "home/kitchen/temp: 21.5\n"


def test_qos2_is_taken_as_qos1(upyos, rabbit):
    """RabbitMQ answers a QoS 2 PUBLISH with PUBACK and grants QoS 1 to a QoS 2 filter: mqttc
    takes the PUBACK as the end of the exchange (it waited for a PUBREC that never came)."""
    sub = rabbit.sub("q2/t")
    assert upyos.run(f"mqttc pub {rabbit.args()} -t q2/t -m twice -q 2 -w 5") == ""
    assert status(upyos) == "0"
    assert rabbit.received(sub) == ["q2/t twice"]
    upyos.run("mqttc sub -t q2/in -q 2")                    # granted QoS 1
    rabbit.pub("q2/in", "came", qos=1)      # mosquitto_pub -q 2 takes the PUBACK as an error
    assert upyos.run("mqttc listen -n 1 -w 10", timeout=15) == "q2/in: came\n"


def test_wildcards_filter(upyos, rabbit):
    upyos.run(f"mqttc sub {rabbit.args()} -t a/# -q 1")
    upyos.run("mqttc sub -t b/+/c -q 1")
    for topic in ["a", "a/x/y", "b/1/c", "b/1/d", "c/a"]:
        rabbit.pub(topic, "m-" + topic, qos=1)
    out = upyos.run("mqttc listen -n 3 -w 10", timeout=15)
    assert out.splitlines() == ["a: m-a", "a/x/y: m-a/x/y", "b/1/c: m-b/1/c"]


def test_retained_messages_both_ways(upyos, rabbit):
    rabbit.pub("cfg/led", "on", qos=1, retain=True)
    upyos.run(f"mqttc sub {rabbit.args()} -t cfg/led")     # the exact topic: see docs/mqtt.md
    assert upyos.run("mqttc listen -n 1 -w 10", timeout=15) == "cfg/led: on\n"
    upyos.run("mqttc pub -t cfg/fan -m off -r -q 1")
    # a plain mosquitto_sub: RabbitMQ may send a retained message before the SUBACK, which
    # the helper that waits for the SUBACK would read past
    r = subprocess.run(["mosquitto_sub", "-p", str(rabbit.port), "-u", USER, "-P", PASSWORD,
                        "-t", "cfg/fan", "-v", "-q", "1", "-C", "1", "-W", str(int(10 * SLOW))],
                       capture_output=True, text=True, timeout=15 * SLOW)
    assert r.stdout.splitlines() == ["cfg/fan off"], r.stdout + r.stderr


def test_a_fleet_answers_run_all(tmp_path, rabbit, rootdir):
    """A few boards: RabbitMQ gives a wildcard subscription no retained status, so the fleet
    finds them by its roll call."""
    sids = [f"AB1700{i:02X}" for i in range(3)]
    with booted_fleet(tmp_path, rabbit, rootdir, sids):
        started = time.time()
        r = fleet(rabbit, "run", "--all", "free", timeout=20)
        assert "3 of 3 boards answered" in r.stderr, r.stdout + r.stderr
        assert time.time() - started < 10 * SLOW            # not its timeout
        rows = [line.split()[:2] for line in r.stdout.splitlines()[1:] if line[:1] != " "]
        assert sorted(rows) == [[sid, "0"] for sid in sids]
