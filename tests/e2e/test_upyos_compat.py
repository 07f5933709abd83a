"""upyOS compatibility: upyOS's own scripts, board files and habits, written as upyOS users write
them, work unchanged."""
import json
import os
import re
import subprocess
import time

import pytest

from conftest import HAS_NETWORK, IMAGE_SIZE, MKFS, PORT, SLOW
from conftest import put_file as write
from netutil import Telnet, free_port, start_service
from procutil import start_background_saying

# These reach the board on 127.0.0.1: the posix port's own network. On the MCU the network is
# a modem that only its simulator makes (test_modem_net.py).
needs_network = pytest.mark.skipif(not HAS_NETWORK or PORT != "posix",
                                   reason="needs the posix port's host network")


# ---- end.sh ----

def test_redirection_to_a_digit_name_sets_that_parameter(upyos, rootdir):
    # upyOS's end.sh keeps test's answer in $0, then tests it
    write(rootdir, "/opt/t.sh", "test -d /etc > 0\n"
                                "if $0 == True echo etc is a folder\n"
                                "test -f /nothing > 1\n"
                                "if $1 == False echo no such file\n"
                                "echo \"$0 $1\" > 3\n"
                                "echo [$2] [$3] $#\n"
                                "echo more >> 3\n"
                                "echo $3\n")
    assert upyos.run("sh /opt/t.sh") == ("etc is a folder\nno such file\n"
                                         "[] [True False] 3\nTrue Falsemore\n")
    # other words that do not read as a $name are variables too
    assert upyos.run("echo x > 2go; echo ${2go}") == "x\n"
    assert upyos.run("echo x > ''") == "sh: : not a valid variable name\n"


@needs_network
def test_upyos_end_script_stops_the_web_server_and_wifi(boot, rootdir):
    write(rootdir, "/etc/end.sh", "# upyOS end.sh\n"
                                  "test -p uhttpd > 0\n"
                                  "if $0 == True run uhttpd stop\n"
                                  "wifi sta disconnect -n\n"
                                  "wifi sta status -n\n"
                                  "echo wc=$wc $?\n")
    c = boot()
    c.wait_prompt()
    start_service(c, "uhttpd")
    c.run("wifi sta on")
    assert "Connected" in c.run("wifi sta connect HomeNet home-secret")
    out = c.run("sh /etc/end.sh")
    assert out == "uhttpd stopped\nwc=False 0\n", out
    assert c.run("test -p uhttpd") == "False\n"


@needs_network
def test_wifi_disconnect_takes_only_the_quiet_option(upyos):
    assert upyos.run("wifi sta disconnect -n") == ""
    assert upyos.run("wifi sta disconnect -x") == "wifi: -x: unknown option\n"


# ---- watch: upyOS puts the interval after the command ----

def watch_twice(console, line, header, expect_each, interval):
    """Types a watch line, sees two runs at about the interval given, then stops it."""
    console.send(line + "\r")
    times = []
    for _ in range(2):
        console.expect(header)
        console.expect(expect_each)
        times.append(time.monotonic())
    console.send("\x03")
    console.expect(r"/ \$: ")         # at the start of a line, maybe the one already there
    out = console.child.before
    assert "too many arguments" not in out and "unknown option" not in out, out
    assert times[1] - times[0] >= interval * 0.8


def test_watch_takes_the_interval_after_the_command(upyos, rootdir):
    write(rootdir, "/opt/w.sh", "if 1 == 1 run watch echo beat -t 0.3 -q\n")
    watch_twice(upyos, "watch date -t 1", r"Every: 1s: date\r\n", r"\d\d:\d\d:\d\d", 1)
    watch_twice(upyos, "watch ps -t 0.5", r"Every: 0.5s: ps\r\n", r"Cmd/Args", 0.5)
    # from a script, after if: `run watch ps -t 5`
    watch_twice(upyos, "sh /opt/w.sh", r"beat", r"\r\n", 0.3)
    # ours still works, and -- passes -t and -q on to the command
    assert upyos.run("watch -n 2 -t 0.1 -q echo x") == "x\nx\n"
    assert upyos.run("watch -n 1 -q -- echo a -t 1 -q") == "a -t 1 -q\n"
    assert upyos.run("watch echo -t x") == "watch: x: not a valid number\n"


# ---- exit in a script shuts the system down, as at the prompt ----

MENU = """:menu
< "Options Menu"
echo 1 - say hello
echo 0 - exit
read v1 "Enter option: "
if $v1 == 1 echo Hello!
if $v1 == 0 exit
echo back in the menu
goto menu
"""


def test_exit_in_a_script_shuts_down_after_asking(boot, rootdir):
    write(rootdir, "/opt/menu.sh", MENU)
    with open(os.path.join(rootdir, "etc/end.sh"), "a") as f:
        f.write("echo end-script-ran\n")
    c = boot()
    c.wait_prompt()
    c.send("sh /opt/menu.sh\r")
    c.expect("Enter option: ")
    c.send("1\r")
    c.expect("Hello!")
    c.expect("Enter option: ")
    c.send("0\r")
    c.child.expect_exact("Exit upyOS-C (y/N)? ")
    c.send("n\r")                            # refused: the menu goes on
    c.expect("back in the menu")
    c.expect("Enter option: ")
    c.send("0\r")
    c.child.expect_exact("Exit upyOS-C (y/N)? ")
    c.send("y\r")
    c.child.expect_exact("end-script-ran")
    c.child.expect_exact("Shutdown upyOS-C..., bye.")
    assert "back in the menu" not in c.child.before
    assert c.wait_exit() == 0


def test_exit_y_in_a_script_does_not_ask(boot, rootdir):
    write(rootdir, "/opt/off.sh", "echo going\nexit -y\necho not here\n")
    c = boot()
    c.wait_prompt()
    c.send("sh /opt/off.sh\r")
    c.child.expect_exact("Shutdown upyOS-C..., bye.")
    assert "not here" not in c.child.before and "(y/N)" not in c.child.before
    assert c.wait_exit() == 0


def test_return_ends_a_script_and_a_background_script_exits_alone(upyos, rootdir):
    write(rootdir, "/opt/r.sh", "echo one\nsh /opt/inner.sh\necho three\nreturn\necho four\n")
    write(rootdir, "/opt/inner.sh", "echo two\nreturn\necho not here\n")
    write(rootdir, "/opt/bg.sh", "echo bg-start > /tmp/bg.txt\nexit\necho bg-on >> /tmp/bg.txt\n")
    assert upyos.run("sh /opt/r.sh") == "one\ntwo\nthree\n"
    # a script on its own has no session to leave: exit ends it, as return does
    # its "[pid]+ Done" comes whenever it ends, before or after the prompt
    start_background_saying(upyos, "sh /opt/bg.sh", "+ Done  sh /opt/bg.sh")
    assert upyos.run("cat /tmp/bg.txt") == "bg-start\n"


@needs_network
def test_exit_in_a_script_over_telnet_ends_that_session(upyos, rootdir):
    write(rootdir, "/opt/bye.sh", "echo bye\nexit\necho not here\n")
    port = start_service(upyos, "utelnetd")
    t = Telnet(port)
    t.read_until("$: ")
    t.line("sh /opt/bye.sh")
    assert t.wait_closed()
    t.close()
    assert upyos.run("echo still here") == "still here\n"


# ---- boot: the recovery key, and Ctrl-C on a hanging init.sh ----

def test_ctrl_c_stops_a_hanging_init_script(boot, rootdir):
    write(rootdir, "/etc/init.sh", "echo init-start\nsleep 1.5\necho hanging\nsleep 100\n"
                                   "echo not-reached\n")
    c = boot()
    c.expect("hanging")                     # past the recovery key's first second
    start = time.monotonic()
    c.send("\x03")
    out = c.wait_prompt(timeout=5)
    assert time.monotonic() - start < 3 * SLOW
    assert "not-reached" not in out and "Recovery mode boot" not in out
    assert "/etc/init.sh: stopped" in out
    assert c.run("echo ok") == "ok\n"
    assert c.run("< sdata.recovery") == "False\n"


def test_a_key_in_the_first_second_enters_recovery(boot, rootdir):
    write(rootdir, "/etc/init.sh", "sleep 5\necho init-ran\n")
    c = boot()
    # as a user does: a key as soon as the board says it is booting (a byte sent before the
    # console is up may be dropped by the MCU's UART), long before the first second is over
    c.expect("Booting upyOS-C")
    c.send("x")
    start = time.monotonic()
    out = c.wait_prompt(timeout=10)
    assert "Recovery mode boot" in out and "init-ran" not in out
    assert time.monotonic() - start < 4 * SLOW
    assert c.run("echo ok") == "ok\n"        # the key is not typed at the prompt
    assert c.run("< sdata.recovery") == "True\n"


# ---- upyOS's board files ----

UPYOS_BOARDS = {
    "upyOS-esp32-wroom-32": "ESP32-WROOM-32 DevKit",
    "upyOS-esp32c3_vcc_gnd": "YD-ESP32-C3",
    "upyOS-esp32c3_luatos": "CORE-ESP32-C3",
    "upyOS-esp32c6_muse_labs": "nanoESP32-C6",
    "upyOS-esp32s3_vcc_gnd": "YD-ESP32-S3",
    "upyOS-esp8266": "NodeMCU ESP8266 (ESP-12E)",
    "upyOS-rp2": "Raspberry Pi Pico",
}
# Two pins each port's board drives as outputs and reads back.
LED_PINS = {"posix": (2, 4), "mps2-an385": (0, 1), "rp2040": (25, 15)}[PORT]


def test_upyos_board_files_load_and_show(upyos):
    for name, title in UPYOS_BOARDS.items():
        path = f"/etc/boards/{name}.board"
        assert upyos.run(f"loadboard {path}") == f"Board {title} loaded from {path}\n"
        full = upyos.run("lshw -f")
        assert f'"name": "{title}"' in full and '"gpio"' in full and '"ledio"' in full
        assert title in upyos.run("lshw -b")


def test_led_reads_every_entry_of_a_ledio_dict(upyos, rootdir):
    a, b = LED_PINS
    write(rootdir, "/etc/boards/two-leds.board",
          '{"board": {"name": "two-leds", "vendor": "test"}, "ledio": [{"d4": %d, "d5": %d}],'
          ' "gpio": [{"%d": 1, "%d": 2}]}' % (a, b, a, b))
    upyos.run("loadboard /etc/boards/two-leds.board")
    assert upyos.run("led on 1") == ""
    assert upyos.run(f"gpio {b}") == "1\n" and upyos.run(f"gpio {a}") == "0\n"
    assert upyos.run("led on 0") == ""
    assert upyos.run(f"gpio {a}") == "1\n"
    assert upyos.run("led off; led off 1") == ""
    assert upyos.run(f"gpio {a}; gpio {b}") == "0\n0\n"
    assert upyos.run("led on 2") == "led: 2: no such LED (this board has 2)\n"


@pytest.mark.posix_only     # the simulator has the ESP32-C3's GPIOs, the MPS2 two LEDs
def test_upyos_board_pins_map_through_the_gpio_table(upyos):
    upyos.run("loadboard /etc/boards/upyOS-esp32c3_luatos.board")
    assert upyos.run("led on 1; gpio 13") == "1\n"       # D5, the second of {"d4", "d5"}
    upyos.run("led off")
    # i2c names physical pins 28 and 27: GPIO4 and GPIO5; a bus that is not there says so
    assert "not on this board" in upyos.run("i2cscan 1")
    assert "not on this board" not in upyos.run("i2cscan 0")


# ---- uart: upyOS's form, uart ID BAUD TX RX NAME [RTS CTS FLOW] ----

def test_uart_opens_in_upyos_form_under_a_name(upyos):
    assert upyos.run("uart 1 115200 4 5 modem0") == ""
    assert upyos.run("uart") == "UART 1 modem0 115200 baud, tx 4 rx 5\n"
    # the name stands for the UART in the other uses
    assert upyos.run("uart write modem0 AT") == ""
    if PORT == "posix":                     # the simulator's UARTs are loopbacks
        assert upyos.run("uart read modem0").startswith("AT")
    assert upyos.run("uart 1 9600 4 5 modem0") == ""         # again, as at the next boot
    assert upyos.run("uart") == "UART 1 modem0 9600 baud, tx 4 rx 5\n"
    if PORT == "posix":                     # the MCUs have two UARTs, 0 the console
        assert upyos.run("uart 2 9600 6 7 modem0") == \
            "uart: modem0: already the name of UART 1\n"
    assert upyos.run("uart 1 fast 4 5 m") == "uart: fast: not a baud rate\n"
    assert upyos.run("uart 1 9600 4") == \
        "uart: expected ID BAUD [TX RX [NAME] [RTS CTS FLOW]]\n"
    assert upyos.run("uart close modem0") == ""
    assert upyos.run("uart") == ""
    # with flow control, named or not: recorded and listed
    assert upyos.run("uart 1 921600 4 5 modem0 6 7 rs") == ""
    listed = "UART 1 modem0 921600 baud, tx 4 rx 5, rts 6 cts 7 flow rs\n"
    if PORT != "posix":                         # no UART 2 there
        assert upyos.run("uart 2 9600 8 9 10 11 off") == "uart: 2: no such UART (0..1)\n"
    else:
        assert upyos.run("uart 2 9600 8 9 10 11 off") == ""
        listed += "UART 2 9600 baud, tx 8 rx 9, rts 10 cts 11 flow off\n"
    assert upyos.run("uart") == listed
    assert upyos.run("uart 1 9600 4 5 modem0 6 7 xon") == \
        "uart: xon: not a flow control (r, s, rs or off)\n"
    if PORT == "posix":
        assert upyos.run("uart close 2") == ""
    assert upyos.run("uart close modem0") == ""
    assert upyos.run("uart write modem0 AT").startswith("uart: modem0: no such UART (0..")


# ---- help ----

def test_help_prints_upyos_layout(upyos, rootdir):
    """upyOS's help: `NAME version: VER`, /etc/help.txt as it is, a blank line, `Commands:` and the
    sorted command names on one line, separated by a comma and a space."""
    write(rootdir, "/etc/help.txt", "first line of the manual\nlast line\n")
    out = upyos.run("help")
    lines = out.split("\n")
    head = lines[0]
    assert head.startswith("upyOS-C") and " version: " in head, head
    assert lines[1:5] == ["first line of the manual", "last line", "", "Commands:"], lines[:6]
    assert lines[6:] == [""], lines[6:]
    names = lines[5].split(", ")
    assert names == sorted(names), names
    for cmd in ["cd", "exit", "help", "ls", "ps", "sh"]:
        assert cmd in names
    assert all(n and " " not in n for n in names), names


def test_the_shipped_help_keeps_upyos_wording(upyos):
    out = upyos.run("help")
    assert "if <arg1> <comparison operator> <arg2> <action>" in out
    assert "/opt        Specific solution or add-on programs (not in path)" in out


# ---- output formats ----

@pytest.mark.skipif(PORT == "rp2040", reason="1.5 MB does not fit the Pico's 1 MB filesystem")
def test_ls_h_keeps_its_columns_aligned(upyos, rootdir):
    for name, size in [("a", 5), ("bb", 2048), ("ccc", 150000), ("dddd", 3 * 1024 * 1024 // 2)]:
        write(rootdir, f"/opt/h/{name}", "x" * size)
    rows = [r for r in upyos.run("ls -h /opt/h").splitlines() if r and not r.startswith("Total")]
    assert len(rows) == 4, rows
    # attributes, size, date and name start at the same column in every row
    month_at = {r.index(r.split()[2]) for r in rows}
    assert len(month_at) == 1, rows
    assert len({len(r) - len(r.split()[-1]) for r in rows}) == 1, rows


def lines_match(out, patterns):
    """Each line of out matches its pattern, and there are as many lines as patterns."""
    lines = out.rstrip("\n").split("\n")
    assert len(lines) == len(patterns), lines
    for line, pattern in zip(lines, patterns):
        assert re.fullmatch(pattern, line), (pattern, line)
    return lines


def test_free_prints_upyos_lines(upyos):
    figure = r"[ \d]{6,}\d bytes"          # upyOS's {n:7} bytes
    lines = lines_match(upyos.run("free"), [rf"Total\.: {figure}", rf"Alloc\.: {figure}",
                                            rf"Free\.\.: {figure} \(\d{{1,3}}\.\d\d%\)",
                                            rf"Stack\.: {figure}"])
    total, alloc, free, _ = (int(re.search(r"(\d+) bytes", line).group(1)) for line in lines)
    assert total == alloc + free
    human = r"\d+(\.\d)?[KMG]?"
    lines_match(upyos.run("free -h"), [rf"Total\.: {human}", rf"Alloc\.: {human}",
                                       rf"Free\.\.: {human} \(\d{{1,3}}\.\d\d%\)",
                                       rf"Stack\.: {human}"])


def test_ps_prints_upyos_columns(upyos, rootdir):
    out = upyos.run("ps")
    rows = lines_match(out, [r"  Proc Sts    Init_T       Elapsed   Thread_Id   Cmd/Args",
                             r" {5}1  R   \d\d:\d\d:\d\d   0d \d\d:\d\d:\d\d  [ \d]{9}\d   sh",
                             r" +\d+  R   \d\d:\d\d:\d\d   0d \d\d:\d\d:\d\d  [ \d]{9}\d   ps"])
    # split on blanks as a script would: pid, status, start, days, elapsed, thread, command
    assert rows[2].split()[6] == "ps"
    lines_match(upyos.run("ps -m"),
                [r"  Proc Sts    Init_T       Elapsed   Thread_Id      Mem   Cmd/Args"] +
                [r" +\d+  R   \d\d:\d\d:\d\d   0d \d\d:\d\d:\d\d  [ \d]{9}\d [ \d]{7}\d   (sh|ps -m)"] * 2)


def test_date_and_ls_l_keep_upyos_shapes(boot_with_files):
    upyos = boot_with_files({"/opt/l/run.sh": "echo hi\n", "/opt/l/data.txt": "x" * 1234,
                             "/opt/l/sub/": None})
    lines_match(upyos.run("date"), [r"(Mon|Tue|Wed|Thu|Fri|Sat|Sun) \d\d/[A-Z][a-z]{2}/\d{4} "
                                    r"\d\d:\d\d:\d\d"])
    stamp = r"[A-Z][a-z]{2} \d\d \d\d:\d\d:\d\d"
    lines_match(upyos.run("ls -l /opt/l"), [rf" rw- {{4}}1234 {stamp} data\.txt",
                                            rf" rwx {{7}}8 {stamp} run\.sh",
                                            rf"drw- {{7}}0 {stamp} sub", "",
                                            r"Total /opt/l/: 1242 bytes"])


@needs_network
def test_ping_prints_upyos_lines(upyos):
    reply = r"64 bytes from 127\.0\.0\.1: icmp_seq=\d, ttl=\d+, time=\d+\.\d+ ms"
    lines_match(upyos.run("ping 127.0.0.1", timeout=20),
                [r"PING 127\.0\.0\.1 \(127\.0\.0\.1\): 56 data bytes"] + [reply] * 4 +
                [r"--- 127\.0\.0\.1 ping statistics ---",
                 r"4 packets transmitted, 4 packets received, 0% packet loss",
                 r"round-trip min/avg/max = [\d.]+/[\d.]+/[\d.]+ ms"])


@needs_network
def test_ifconfig_prints_the_reference_fields(upyos):
    """Per interface: its status, then inet IP netmask M gateway GW, then MAC and DNS."""
    ip = r"\d{1,3}(\.\d{1,3}){3}"
    out = upyos.run("ifconfig")
    lines = out.rstrip("\n").split("\n")
    assert len(lines) % 3 == 0 and lines, lines
    lines_match(out, [r"\w+: (up|down)", rf"    inet {ip} netmask {ip} gateway {ip}",
                      rf"    ether [0-9a-f]{{2}}(:[0-9a-f]{{2}}){{5}}  dns {ip}"] * (len(lines) // 3))


# ---- the filesystem cache, a system.conf setting ----

def boot_flash_root(boot, rootdir, tmp_path, conf):
    """Boots from a flash image of rootdir whose /etc/system.conf is conf (None: no file)."""
    if conf is not None:
        write(rootdir, "/etc/system.conf", json.dumps(conf))
    image = str(tmp_path / "flash.img")
    subprocess.run([MKFS, "-s", IMAGE_SIZE, image, rootdir], check=True, capture_output=True)
    c = boot(image=image)
    c.wait_prompt()
    return c


def cache_line(c):
    """df -v's line about the root's metadata cache: (bytes, where the size came from)."""
    m = re.search(r"^/: metadata cache (\d+) bytes \((.*)\)$", c.run("df -v"), re.M)
    assert m, c.run("df -v")
    return int(m.group(1)), m.group(2)


def test_fscache_in_system_conf_sizes_the_flash_cache(boot, rootdir, tmp_path):
    c = boot_flash_root(boot, rootdir, tmp_path, {"fscache": 8192})
    assert cache_line(c) == (8192, "system.conf fscache")
    assert re.search(r"^/ +flashfs ", c.run("df -v"), re.M)      # the table is still there


def test_without_the_setting_the_port_default_applies(boot, rootdir, tmp_path):
    c = boot_flash_root(boot, rootdir, tmp_path, None)
    size, source = cache_line(c)
    assert source == "the port's default" and size % 256 == 0


def test_a_cache_size_that_cannot_be_used_falls_back_to_the_default(boot, rootdir, tmp_path):
    c = boot_flash_root(boot, rootdir, tmp_path, None)
    default = cache_line(c)[0]
    assert c.exit() == 0
    for bad in ["big", -4096, 1 << 40]:
        c = boot_flash_root(boot, rootdir, tmp_path, {"fscache": bad})
        size, source = cache_line(c)
        assert size == default and source.startswith("the port's default; system.conf fscache"), \
            (bad, source)
        assert c.exit() == 0


def test_the_cache_is_rounded_down_to_whole_lines(boot, rootdir, tmp_path):
    c = boot_flash_root(boot, rootdir, tmp_path, {"fscache": 1000})
    assert cache_line(c) == (768, "system.conf fscache")


# ---- a whole upyOS-style boot and shutdown ----

INIT_SH = """# /etc/init.sh in upyOS's style: banner, hardware, LEDs, the upgrade idiom, WiFi, services
lshw -b
free -h
df -h
led boot

test -f /upgrade > up
if $up == False skip 2
echo Upgrading...
upgrade -f

wifi sta on
wifi sta connect HomeNet home-secret 10
wifi sta status -n
if $wc == False skip 1
echo WiFi up

utelnetd start -p {telnet}
uftpd start -p {ftp}
uhttpd start -p {http} &
"""

END_SH = """# /etc/end.sh in upyOS's style
test -p utelnetd > 0
if $0 == True run utelnetd stop
test -p uftpd > 0
if $0 == True run uftpd stop
test -p uhttpd > 0
if $0 == True run uhttpd stop
wifi sta disconnect -n
echo end.sh done
"""

ERROR_MARKS = ["not found", "not a valid", "wrong number", "invalid", "unknown", "too many",
               "error", "Error", "Warning", "no such", "cannot"]


@needs_network
def test_upyos_init_and_end_scripts_run_without_an_error(boot, rootdir):
    ports = {"telnet": free_port(), "ftp": free_port(), "http": free_port()}
    write(rootdir, "/etc/init.sh", INIT_SH.format(**ports))
    write(rootdir, "/etc/end.sh", END_SH)
    c = boot()
    out = c.wait_prompt(timeout=20)
    assert "Normal mode boot" in out and "Connected" in out and "WiFi up" in out, out
    assert f"utelnetd started on port {ports['telnet']}" in out
    assert f"uftpd started on port {ports['ftp']}" in out
    assert not [m for m in ERROR_MARKS if m in out], out
    assert c.run("test -p uhttpd") == "True\n"
    # end.sh by hand stops each service it finds running
    out = c.run("sh /etc/end.sh")
    assert out == "utelnetd stopped\nuftpd stopped\nuhttpd stopped\nend.sh done\n", out
    assert c.run("test -p uhttpd; wifi sta status -n; echo $wc") == "False\nFalse\n"
    c.run("utelnetd start -p %d; uhttpd start -p %d &" % (ports["telnet"], ports["http"]))
    # at exit the system stops the processes, then runs end.sh: it finds nothing left
    c.send("exit\r")
    c.child.expect_exact("(y/N)? ")
    c.send("y\r")
    c.child.expect_exact("Shutdown upyOS-C..., bye.")
    shutdown = c.child.before
    assert "end.sh done" in shutdown
    assert not [m for m in ERROR_MARKS if m in shutdown], shutdown
    assert c.wait_exit() == 0


@pytest.mark.posix_only     # the simulator's --board option
def test_the_simulator_boots_as_an_upyos_board(boot):
    c = boot("--board", "upyOS-esp32c3_luatos")
    c.wait_prompt()
    assert "CORE-ESP32-C3" in c.run("lshw -b")
    assert c.run("led on 1; gpio 13") == "1\n"
    assert c.run("gpio 22") == "gpio: 22: not a pin (0..21)\n"      # an ESP32-C3 has 22
    assert "not on this board" not in c.run("i2cscan 0")
    c.exit()
    # the option picks the board file, whatever system.conf names
    c = boot("--board", "upyOS-esp32s3_vcc_gnd")
    c.wait_prompt()
    assert "YD-ESP32-S3" in c.run("lshw -b")
    assert c.run("led rgb 1") == ""                                  # GPIO48
    c.exit()


@pytest.mark.posix_only
def test_the_simulator_refuses_a_board_it_does_not_know(boot):
    c = boot("--board", "esp32-nope")
    assert c.wait_exit() == 2
    assert "esp32-nope: not a board the simulator knows" in c.output.text
