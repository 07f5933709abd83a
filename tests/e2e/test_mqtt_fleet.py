"""Fleet control (docs/mqtt.md): boards running mqttd, started from init.sh, and tools/fleet on
the host, through a mosquitto of the test's own (test_mqtt's Broker: password file and ACL).

UPYOS_FLEET_BOARDS sets how many simulators the fleet test boots (default 5; 20 is the issue's
figure)."""
import contextlib
import hashlib
import hmac
import json
import os
import subprocess
import time

import pytest

from conftest import BIN, REPO, SLOW, Console, put_file
from test_mqtt import PASSWORD, USER, Broker, broker, pytestmark  # noqa: F401 (fixture)
from test_tls import install_ca, pki  # noqa: F401 (a fixture)

FLEET = os.path.join(REPO, "tools", "fleet")
KEY = "fleet-test-key"
SID = "F1EE7001"
BOARDS = int(os.environ.get("UPYOS_FLEET_BOARDS", "5"))


def configure(root, broker, key=KEY, groups=("lab",), **more):
    """system.conf for mqttd, and init.sh starting it at boot."""
    conf = {"mqttd": {"host": "127.0.0.1", "port": broker.port, "user": USER,
                      "password": PASSWORD, "key": key, "groups": list(groups),
                      "telemetry": 1, **more}}
    put_file(root, "/etc/system.conf", json.dumps(conf))
    with open(os.path.join(root, "etc", "init.sh"), "a") as f:
        f.write("mqttd start\n")


def fleet(broker, *args, timeout=10):
    cmd = ["/usr/bin/python3", FLEET, "--port", str(broker.port), "--user", USER,
           "--password", PASSWORD, "--key", KEY, "--timeout", str(timeout * SLOW), *args]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=30 * SLOW)


def wait_status(broker, sids, status="online", timeout=15):
    """Polls `fleet ls --all` until every sid shows status; returns its output."""
    deadline = time.time() + timeout * SLOW
    while True:
        out = fleet(broker, "ls", "--all").stdout
        rows = {line.split()[0]: line.split()[1] for line in out.splitlines()[1:]}
        if all(rows.get(sid) == status for sid in sids) or time.time() > deadline:
            return out
        time.sleep(0.2)


def signed(cmd, req_id, key=KEY, ts=None):
    ts = int(time.time() * 1000) if ts is None else ts
    mac = hmac.new(key.encode(), f"{req_id}\n{ts}\n{cmd}".encode(), hashlib.sha256).hexdigest()
    return json.dumps({"id": req_id, "ts": ts, "cmd": cmd, "hmac": mac})


def results(broker, sub):
    return [json.loads(line.split(" ", 1)[1]) for line in broker.received(sub)]


@pytest.fixture
def board(boot, rootdir, broker):
    """One board on the fleet, online; call with the fleet key it should have."""
    def start(key=KEY):
        configure(rootdir, broker, key)
        c = boot("--chip-id", SID)
        c.wait_prompt()
        assert SID in wait_status(broker, [SID])
        return c

    return start


def test_the_simulators_chip_id_is_the_boards_sid(boot):
    c = boot("--chip-id", "c0ffee42")
    c.wait_prompt()
    assert "C0FFEE42" in c.run("lshw")
    bad = subprocess.run([BIN, "--chip-id", "xyz"], capture_output=True, text=True, timeout=10)
    assert bad.returncode != 0 and "--chip-id xyz: expected 2 to 40 hex digits" in bad.stderr


def test_ls_shows_the_board_and_run_returns_free(board, broker):
    upyos = board()
    out = wait_status(broker, [SID])
    assert f"{SID}  online  posix-sim" in out
    assert "lab" in out
    r = fleet(broker, "run", SID, "free")
    assert r.returncode == 0, r.stdout + r.stderr
    row = r.stdout.splitlines()[1]
    assert row.startswith(f"{SID}  0       Total.:"), r.stdout
    assert "Free..:" in r.stdout
    assert "1 of 1 boards answered" in r.stderr
    assert "accepted" in upyos.run("mqttd status")


def test_a_long_output_comes_back_cut_to_its_limit(board, broker):
    upyos = board()
    full = upyos.run("help")
    assert len(full) > 2048
    sub = broker.sub(f"upyos/{SID}/result")
    broker.pub(f"upyos/{SID}/cmd", signed("help", "long"), qos=1)
    got = results(broker, sub)[0]
    assert got["status"] == 0
    assert 1000 < len(got["output"]) <= 2048
    assert full.startswith(got["output"][:500])


def test_watch_prints_the_boards_telemetry(board, broker):
    board()
    r = fleet(broker, "watch", "--count", "3")      # the retained status, then telemetry
    lines = r.stdout.splitlines()
    assert any(f" {SID} status status=online" in line for line in lines), r.stdout
    assert any(f" {SID} telemetry uptime=" in line and "mem_free=" in line
               for line in lines), r.stdout


def test_a_group_and_all_reach_the_board(board, broker):
    board()
    assert fleet(broker, "run", "--group", "lab", "echo in-lab").stdout.count("in-lab") == 1
    assert fleet(broker, "run", "--all", "echo everyone").stdout.count("everyone") == 1
    other = fleet(broker, "run", "--group", "kitchen", "echo no")
    assert "0 of 0 boards answered" in other.stderr


@pytest.mark.parametrize("name, key, age, reason", [
    ("forged", "not-the-key", 0, "bad hmac"),
    ("stale", KEY, 3600, "timestamp outside the window"),
])
def test_a_forged_or_stale_request_is_refused_and_logged(board, broker, name, key, age, reason):
    upyos = board()
    sub = broker.sub(f"upyos/{SID}/result")
    broker.pub(f"upyos/{SID}/cmd", signed("touch /ran", name, key, int((time.time() - age) * 1000)),
               qos=1)
    assert results(broker, sub) == [{"id": name, "sid": SID, "status": "refused",
                                     "output": reason}]
    upyos.expect(f"mqttd: refused request {name} on upyos/{SID}/cmd: {reason}")
    assert not os.path.exists(upyos.host_path("/ran"))
    assert "0 accepted, 1 refused" in upyos.run("mqttd status")


def test_a_replayed_request_is_refused_and_logged(board, broker):
    upyos = board()
    sub = broker.sub(f"upyos/{SID}/result", count=2)
    request = signed("echo ran >> /ran.txt", "once")
    broker.pub("upyos/all/cmd", request, qos=1)
    broker.pub("upyos/all/cmd", request, qos=1)
    # the refusal is published at once, the result when the command is over: either order
    got = sorted(results(broker, sub), key=lambda r: str(r["status"]))
    assert [r["status"] for r in got] == [0, "refused"], got
    assert got[1]["output"] == "replayed request id"
    upyos.expect("mqttd: refused request once on upyos/all/cmd: replayed request id")
    with open(upyos.host_path("/ran.txt")) as f:
        assert f.read() == "ran\n"                 # it ran once


def test_without_a_fleet_key_no_command_runs(board, broker):
    upyos = board(key="")
    assert "no fleet key" in upyos.run("mqttd status")
    sub = broker.sub(f"upyos/{SID}/result")
    broker.pub(f"upyos/{SID}/cmd", signed("touch /ran", "nokey", key="any"), qos=1)
    assert results(broker, sub)[0]["output"] == "no fleet key configured"
    upyos.expect(f"refused request nokey on upyos/{SID}/cmd: no fleet key configured")
    assert not os.path.exists(upyos.host_path("/ran"))


def test_a_setting_too_long_to_keep_is_an_error_not_cut(boot, rootdir, broker):
    configure(rootdir, broker, key="k" * 200)
    c = boot()
    c.wait_prompt()
    assert c.run("mqttd start") == "mqttd: mqttd.key in /etc/system.conf is too long\n"
    assert c.run("mqttd status") == "mqttd stopped\n"


def test_the_will_marks_the_board_offline_when_it_dies(board, broker):
    upyos = board()
    upyos.kill()
    assert f"{SID}  offline" in wait_status(broker, [SID], "offline")
    assert SID not in fleet(broker, "ls").stdout


def test_a_long_command_blocks_neither_requests_nor_the_console(board, broker):
    upyos = board()
    slow = subprocess.Popen(["/usr/bin/python3", FLEET, "--port", str(broker.port), "--user",
                             USER, "--password", PASSWORD, "--key", KEY, "--timeout",
                             str(20 * SLOW), "run", SID, "sleep 5; echo slept"],
                            stdout=subprocess.PIPE, text=True)
    wait_for = time.time() + 10 * SLOW
    while "1 running" not in upyos.run("mqttd status") and time.time() < wait_for:
        time.sleep(0.1)
    started = time.time()
    quick = fleet(broker, "run", SID, "echo quick")
    assert "quick" in quick.stdout and quick.returncode == 0
    assert upyos.run("echo console") == "console\n"
    assert time.time() - started < 4, "waited for the long command"
    out, _ = slow.communicate(timeout=30 * SLOW)
    assert "slept" in out and f"{SID}  0" in out


def test_push_writes_a_file_in_chunks_all_or_nothing(board, broker, tmp_path):
    upyos = board()
    data = os.urandom(3000)                         # four chunks
    local = tmp_path / "blob.bin"
    local.write_bytes(data)
    r = fleet(broker, "push", SID, str(local), "/opt/blob.bin")
    assert r.returncode == 0, r.stdout + r.stderr
    assert f"{SID}  0       3000 bytes written to /opt/blob.bin" in r.stdout
    with open(upyos.host_path("/opt/blob.bin"), "rb") as f:
        assert f.read() == data
    assert not os.path.exists(upyos.host_path("/opt/blob.bin.push"))


def test_a_damaged_push_leaves_the_file_as_it_was(board, broker):
    upyos = board()
    upyos.run("touch /opt/keep.txt before")
    sub = broker.sub(f"upyos/{SID}/result")         # each waits for the one before
    broker.pub(f"upyos/{SID}/cmd", signed('fileput /opt/keep.txt 0 "YWZ0ZXIK"', "chunk"), qos=1)
    assert results(broker, sub)[0]["status"] == 0
    sub = broker.sub(f"upyos/{SID}/result")
    broker.pub(f"upyos/{SID}/cmd", signed("fileput /opt/keep.txt --commit " + "0" * 64,
                                          "commit"), qos=1)
    got = results(broker, sub)[0]
    assert got["status"] == 1 and "left as it was" in got["output"], got
    assert upyos.run("cat /opt/keep.txt") == "before\n"


def test_mqttd_over_tls_checks_the_brokers_certificate(boot, rootdir, tmp_path, pki):
    tls = Broker(tmp_path, pki=pki)
    try:
        install_ca(rootdir, pki)                        # /etc/ca.pem: the CA that signed it
        install_ca(rootdir, pki, "other-ca", "/etc/other.pem")
        wrong = str(tmp_path / "wrong")
        subprocess.run(["cp", "-r", rootdir, wrong], check=True)
        configure(wrong, tls, host="localhost", port=tls.tls_port, tls=True,
                  ca="/etc/other.pem")
        c = boot("--chip-id", "BAD0CA", root=wrong)
        c.expect("mqttd: connect localhost:[0-9]+: certificate verify failed")
        configure(rootdir, tls, host="localhost", port=tls.tls_port, tls=True)
        boot("--chip-id", SID).wait_prompt()
        assert SID in wait_status(tls, [SID])
        assert "BAD0CA" not in fleet(tls, "ls", "--all").stdout
        assert "over-tls" in fleet(tls, "run", SID, "echo over-tls").stdout
    finally:
        tls.stop()


@contextlib.contextmanager
def booted_fleet(tmp_path, broker, rootdir, sids):
    """Simulators with the chip ids sids, each its own copy of rootdir, configured for broker
    and started together; once all say online, the block runs; then they are all killed."""
    consoles = []
    try:
        for sid in sids:
            root = str(tmp_path / sid)
            subprocess.run(["cp", "-r", rootdir, root], check=True)
            configure(root, broker)
            consoles.append(Console(root, ["--chip-id", sid]))
        for c in consoles:
            c.wait_prompt(timeout=30)
        assert "offline" not in wait_status(broker, sids, timeout=30)
        yield consoles
    finally:
        for c in consoles:
            c.kill()
            c.close()


def test_a_fleet_of_boards_answers_run_all(tmp_path, broker, rootdir):
    """BOARDS simulators, each its own root and chip id, started together."""
    sids = [f"B0A2D{i:03X}" for i in range(BOARDS)]
    with booted_fleet(tmp_path, broker, rootdir, sids):
        r = fleet(broker, "run", "--all", "free", timeout=20)
        assert f"{BOARDS} of {BOARDS} boards answered" in r.stderr, r.stdout + r.stderr
        rows = [line.split()[:2] for line in r.stdout.splitlines()[1:] if line[:1] != " "]
        assert sorted(rows) == [[sid, "0"] for sid in sids]
