"""Environment, time and system commands."""
import hashlib
import json
import os
import re
import subprocess

import pytest

from conftest import BOARD, BOARD_LINE, HAS_NETWORK, NETWORK_COMMANDS, PLATFORM, POSIX_BIN

# The command table is generated from cmd/ for every port alike: the posix build's
# tools/commands_md lists it. A board without a network leaves out the network commands.
COMMANDS_MD = [os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(POSIX_BIN))),
                            "tools/commands_md")]


def port_commands():
    md = subprocess.run(COMMANDS_MD, capture_output=True, text=True).stdout
    return [name for name in re.findall(r"^## (\S+)$", md, re.M)
            if HAS_NETWORK or name not in NETWORK_COMMANDS]

DATE = re.compile(r"^(Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d\d/[A-Z][a-z]{2}/\d{4} \d\d:\d\d:\d\d$")


def test_date_formats_sets_the_clock_and_applies_tz(upyos):
    assert DATE.match(upyos.run("date").strip())
    assert upyos.run("date -s 2024-02-29 23:59:30") == ""
    assert upyos.run("date") == "Thu 29/Feb/2024 23:59:30\n" or \
        upyos.run("date").startswith("Thu 29/Feb/2024 23:59:3")
    assert upyos.run("date -d") == "29/Feb/2024\n"
    assert re.match(r"^23:59:3\d\n$", upyos.run("date -t"))
    upyos.run("export TZ 2 -i")
    assert upyos.run("date -d") == "01/Mar/2024\n"
    upyos.run("date -t > t")
    assert re.match(r"^01:59:3\d\n$", upyos.run("echo $t"))
    assert upyos.run("date -s 12:00") == ""              # local time, with TZ
    assert upyos.run("date -s 2023-02-29 10:00") == \
        "date: expected YYYY-MM-DD HH:MM[:SS] or HH:MM[:SS], got '2023-02-29 10:00'\n"
    assert upyos.run("date -x") == "date: unknown option -x (try date --help)\n"


def test_uptime(upyos):
    out = upyos.run("uptime")
    assert re.match(r"^Up 0 days, 00:00:\d\d, since \w{3} \d\d/\w{3}/\d{4} [\d:]{8}\n$", out)
    upyos.run("uptime > up")
    assert int(upyos.run("echo $up")) < 60
    assert upyos.run("uptime x") == "uptime: too many arguments\n"


def test_help_lists_every_registered_command(upyos):
    out = upyos.run("help")
    assert out.startswith("upyOS-C version: ")
    assert "A Unix-like shell for microcontrollers" in out     # /etc/help.txt
    listed = out.split("Commands:\n", 1)[1].strip().split(", ")
    assert listed == sorted(listed) == sorted(port_commands())
    for name in ["ls", "cp", "vi", "gpio", "wdt", "setauth", "release", "watch", "jq"]:
        assert name in listed
    assert upyos.run("help cp").startswith("Usage: cp [-r] SOURCE... DESTINATION\n")
    assert upyos.run("help nope") == "help: nope: no such command\n"


def test_every_command_answers_help(upyos):
    for name in port_commands():
        assert upyos.run(f"{name} --help").startswith("Usage: "), name


def test_a_board_without_a_network_has_no_network_commands(upyos):
    assert NETWORK_COMMANDS >= {"ifconfig", "utelnetd", "wget", "iperf3"}
    for name in sorted(NETWORK_COMMANDS):
        assert upyos.run(f"test -c {name}") == ("True\n" if HAS_NETWORK else "False\n"), name


def test_memory_system_and_cpu_information(upyos):
    mi = upyos.run("mi")
    assert re.search(r"^Heap total: \d+\nHeap used:  \d+\nHeap peak:  \d+\n"
                     r"Heap free:  \d+ \(\d+%\)\nStack:      \d+\nProcesses:  \d+, owning \d+\n$", mi)
    assert re.search(r"^Stack: +\d+(\.\d[KMG])?$", upyos.run("mi -h"), re.M)
    si = upyos.run("si")
    assert "System:    upyOS-C " in si
    assert f"Platform:  {PLATFORM}\n" in si and f"Board:     {BOARD}\n" in si
    assert re.search(r"^System id: [0-9A-F]+$", si, re.M)
    assert upyos.run("si x") == "si: too many arguments\n"


@pytest.mark.posix_only   # the virtual chip's clock can be changed; the MPS2's cannot
def test_cpufreq_changes_the_clock(upyos):
    assert upyos.run("cpufreq -v") == "CPU frequency: 240 MHz\n"
    assert upyos.run("cpufreq 80") == "CPU frequency: 80 MHz\n"
    assert "80 MHz" in upyos.run("lshw")
    assert upyos.run("cpufreq 81") == "cpufreq: 81 MHz: not a frequency this chip runs at\n"
    assert upyos.run("cpufreq fast") == "cpufreq: fast: not a number of MHz\n"
    assert upyos.run("cpufreq") == "cpufreq: expected MHZ or -v\n"


def test_lshw_free_and_df(upyos):
    assert re.match(r"^upyOS-C \S+ " + re.escape(BOARD_LINE) + r", \d+ MHz, id [0-9A-F]+\n$",
                    upyos.run("lshw -b"))
    board = json.loads(upyos.run("lshw -f"))
    assert board["board"]["name"] == BOARD
    assert re.match(r"^Total\.: +\d+ bytes\nAlloc\.: +\d+ bytes\nFree\.\.: +\d+ bytes \(\d+\.\d\d%\)\n"
                    r"Stack\.: +\d+ bytes\n$", upyos.run("free"))
    total, printed = map(int, re.search(r"Total\.: +(\d+).*Free\.\.: +(\d+)", upyos.run("free"),
                                        re.S).groups())
    upyos.run("free > f")
    value = int(upyos.run("echo $f"))           # the typed value: free bytes, as printed
    assert 0 <= value <= total and abs(value - printed) <= total // 10
    assert "/tmp" in upyos.run("df -h")
    upyos.run("df /tmp > d")
    assert int(upyos.run("echo $d")) == 64 * 1024
    assert upyos.run("lshw -x") == "lshw: unknown option -x (try lshw --help)\n"


def test_loadconfig_and_loadboard(boot_with_files):
    edited = {"board": f"/etc/boards/{BOARD}.board", "env": {"GREETING": "hola"}}
    upyos = boot_with_files({"/edited.conf": json.dumps(edited)})
    assert upyos.run("loadconfig") == "Configuration loaded from /etc/system.conf\n"
    assert upyos.run("echo $GREETING") == ""              # not set yet
    assert upyos.run("loadconfig /edited.conf") == "Configuration loaded from /edited.conf\n"
    assert upyos.run("echo $GREETING") == "hola\n"
    assert upyos.run("loadconfig /nope.conf") == "loadconfig: /nope.conf: no such file\n"
    other = "posix-sim" if BOARD != "posix-sim" else "mps2-an385"
    assert upyos.run(f"loadboard /etc/boards/{other}.board").startswith("Board ")
    assert other.split("-")[0] in upyos.run("lshw -b").lower()
    assert upyos.run("loadboard") == \
        f"Board {BOARD} loaded from /etc/boards/{BOARD}.board\n"
    assert upyos.run("loadboard /nope.board") == "loadboard: /nope.board: no such file\n"


def test_loadconfig_and_loadboard_say_what_is_wrong_with_a_file(boot_with_files):
    upyos = boot_with_files({"/broken.conf": '{"env": {', "/list.conf": "[1, 2]",
                             "/broken.board": '{"board": '})
    out = upyos.run("loadconfig /broken.conf")
    assert re.match(r"^/broken\.conf: .+, using defaults\n", out), out
    assert re.search(r"^loadconfig: /broken\.conf: \S", out, re.M), out   # an error, not success
    assert "Configuration loaded" not in out, out
    assert upyos.run("echo $?") == "1\n"
    out = upyos.run("loadconfig /list.conf")
    assert "/list.conf: not a JSON object, using defaults\n" in out, out
    assert re.search(r"^loadconfig: /list\.conf: \S", out, re.M), out
    out = upyos.run("loadboard /broken.board")
    assert re.match(r"^/broken\.board: .+\n", out), out
    assert "Warning: board file /broken.board not loaded" in out, out
    assert upyos.run("loadconfig") == "Configuration loaded from /etc/system.conf\n"
    assert upyos.run("loadboard") == f"Board {BOARD} loaded from /etc/boards/{BOARD}.board\n"


def test_watch_reruns_a_command_and_stops(upyos):
    out = upyos.run("watch -n 3 -t 0.1 echo tick")
    lines = out.splitlines()
    assert lines.count("Every: 0.1s: echo tick") == 3 and lines.count("tick") == 3
    assert upyos.run("watch -q -n 2 -t 0.1 echo x") == "x\nx\n"
    upyos.send("watch -q -t 0.2 echo loop\r")
    upyos.expect("loop")
    upyos.send("\x03")
    upyos.wait_prompt()
    assert upyos.run("echo $?") == "130\n"
    assert upyos.run("watch") == "watch: missing COMMAND\n"
    assert upyos.run("watch -t x echo") == "watch: x: not a valid number\n"


def test_watch_in_the_background_is_held_and_killed(upyos):
    upyos.run("watch -q -t 0.1 touch /tmp/beat &")
    pid = upyos.run("echo $!").strip()
    assert upyos.run(f"hold {pid}") == ""
    upyos.run("sleep 0.3")
    upyos.run("rm /tmp/beat")
    upyos.run("sleep 0.4")
    assert upyos.run("cat /tmp/beat") == "cat: /tmp/beat: no such file\n"   # held: no runs
    upyos.run(f"resume {pid}")
    upyos.run("sleep 0.5")
    assert upyos.run("cat /tmp/beat") == ""
    # The job says "[pid]+ Done" when it ends, from its own thread: wait for that before
    # typing on, or the notice can land in the middle of the next line's echo.
    if "Done" not in upyos.run(f"kill {pid}"):
        upyos.expect(rf"\[{pid}\]\+ Done")
    assert "watch" not in upyos.run("ps")


def test_setauth_stores_a_salted_iterated_hash(upyos):
    assert upyos.run("setauth -v") == "No login is set\n"
    assert upyos.run("setauth admin s3cret! s3cret!") == "Login set for admin\n"
    auth = json.load(open(upyos.host_path("/etc/system.conf")))["auth"]
    assert auth["user"] == "admin"
    scheme, iterations, salt, digest = auth["paswd"].split("$")
    assert scheme == "pbkdf2-sha256" and int(iterations) >= 1000 and len(salt) == 32
    want = hashlib.pbkdf2_hmac("sha256", b"s3cret!", bytes.fromhex(salt), int(iterations))
    assert digest == want.hex()
    upyos.run("setauth admin s3cret! s3cret!")       # a new salt every time
    again = json.load(open(upyos.host_path("/etc/system.conf")))["auth"]["paswd"]
    assert again != auth["paswd"]
    assert upyos.run("setauth -v") == "User: admin\n"
    assert upyos.run("setauth bob aaaa bbbb") == "setauth: the passwords differ\n"
    assert upyos.run("setauth bob abc abc") == "setauth: the password needs 4 to 128 characters\n"
    assert upyos.run("setauth bob") == "setauth: expected USER PASSWORD PASSWORD, -v or -d\n"
    assert upyos.run("setauth -d") == "Login removed: the services no longer ask for one\n"
    assert upyos.run("setauth -v") == "No login is set\n"


def test_release_writes_a_manifest_with_sha256(upyos):
    out = upyos.run("release")
    assert "Release file /etc/upgrade2.inf created with" in out
    root = os.path.dirname(upyos.host_path("/etc"))
    lines = open(os.path.join(root, "etc/upgrade2.inf")).read().splitlines()
    assert re.match(r"^#upyOS,[\d.]+,\d{4}-\d\d-\d\d$", lines[0])
    entries = lines[1:-1]
    assert lines[-1] == f"#files,{len(entries)}"
    paths = []
    for e in entries:
        path, size, digest, empty = e.split(",")
        data = open(os.path.join(root, path.lstrip("/")), "rb").read()
        assert int(size) == len(data) and digest == hashlib.sha256(data).hexdigest()
        assert empty == ""
        paths.append(path)
    assert "/etc/init.sh" in paths and f"/etc/boards/{BOARD}.board" in paths
    assert "/etc/system.conf" not in paths
    assert upyos.run("release /a /b") == "release: too many arguments\n"


def test_reboot_runs_end_sh_and_boots_again(upyos):
    upyos.send("reboot\r")
    upyos.expect("Shutdown upyOS-C..., bye.")
    upyos.expect("Booting upyOS-C")
    upyos.wait_prompt()
    assert upyos.run("echo back") == "back\n"


def test_reset_restarts_at_once(upyos):
    upyos.send("reset\r")
    upyos.expect("Resetting...")
    upyos.expect("Booting upyOS-C")
    upyos.wait_prompt()
    assert upyos.run("reset now") == "reset: too many arguments\n"
