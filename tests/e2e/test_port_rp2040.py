"""The RP2040 port under rp2040js (ports/rp2040/host/run.js): the flash kept in an image file
survives a kill -9 of the runner, `reset` and the watchdog reboot into the prompt with the
files intact, the LED on GP25 and an input pin are seen through the runner's control socket,
and the filesystem's flash area is formatted only when it is blank."""
import os
import re

import pytest

from board_ctl import BoardCtl
from conftest import MKFS, PORT

pytestmark = pytest.mark.skipif(PORT != "rp2040", reason="the RP2040 port's own runner")

AREA = 1024 * 1024          # the filesystem's part of the 2 MB flash (rp2040.ld)


def boot_to_prompt(boot, *args, image=None):
    c = boot(*args, image=image)
    out = c.wait_prompt(timeout=20)
    return c, out


def test_files_survive_kill_9_of_the_runner(boot, rootdir):
    c, _ = boot_to_prompt(boot)
    # each line is committed by flashfs and on disk before its prompt is shown
    for i in range(5):
        assert c.run(f"echo line{i} >> /var/kept.txt") == ""
    c.kill()
    c, _ = boot_to_prompt(boot)
    assert c.run("cat /var/kept.txt") == "".join(f"line{i}\n" for i in range(5))
    assert c.exit() == 0


def test_reset_reboots_into_the_prompt_with_files_intact(upyos):
    assert upyos.run("echo before > /kept.txt") == ""
    upyos.child.sendline("reset")
    upyos.expect("Resetting...")
    upyos.expect("Booting upyOS-C")
    upyos.wait_prompt(timeout=20)
    assert upyos.run("cat /kept.txt") == "before\n"
    assert upyos.exit() == 0


def test_an_unfed_watchdog_resets_into_the_prompt_with_files_intact(upyos):
    assert upyos.run("echo before > /kept.txt") == ""
    assert upyos.run("wdt -t 0.5") == "Watchdog started: feed it (wdt -f) within 0.5 s\n"
    upyos.expect("Booting upyOS-C", timeout=20)
    upyos.wait_prompt(timeout=20)
    assert upyos.run("cat /kept.txt") == "before\n"
    # the watchdog is off again after the reset: the board stays up
    assert upyos.run("sleep 1") == ""
    assert upyos.run("echo up") == "up\n"


def test_led_on_gp25_is_seen_through_the_control_socket(boot, tmp_path):
    path = str(tmp_path / "board.sock")
    c, _ = boot_to_prompt(boot, "--board-ctl", path)
    ctl = BoardCtl(path)
    assert c.run("led on") == ""
    assert ctl.cmd("get pin 25") == "ok 1 out"
    assert c.run("led off") == ""
    assert ctl.cmd("get pin 25") == "ok 0 out"
    assert ctl.cmd("events") == "ok 25=1 25=0"
    ctl.close()


def test_led_blinks_at_the_period_a_script_sets(boot, tmp_path):
    path = str(tmp_path / "board.sock")
    c, _ = boot_to_prompt(boot, "--board-ctl", path)
    ctl = BoardCtl(path)
    script = ":loop\ngpio 25 1\nsleep 0.1\ngpio 25 0\nsleep 0.1\ngoto loop\n"
    c.run("echo '' > /blink.sh")
    for line in script.splitlines():
        c.run(f"echo '{line}' >> /blink.sh")
    ctl.cmd("events")
    c.run("sh /blink.sh &")
    assert ctl.cmd("wait pin 25 1 10000") == "ok"
    edges = []
    for _ in range(100):
        reply = ctl.cmd("wait pin 25 0 10000") + ctl.cmd("wait pin 25 1 10000")
        assert reply == "okok"
        edges += [(int(p), float(ms)) for p, ms in
                  re.findall(r"25=(\d)@([0-9.]+)", ctl.cmd("events -t"))]
        if len(edges) >= 8:
            break
    rises = [ms for level, ms in edges if level == 1]
    periods = [b - a for a, b in zip(rises, rises[1:])]
    assert len(periods) >= 3
    # 200 ms in emulated time: two sleeps of 100 ms (rounded up to the 1 ms tick) and the
    # script's own lines
    assert all(198 <= p <= 260 for p in periods), periods
    ctl.close()


def test_an_input_pin_driven_from_outside_reads_in_a_script(boot, tmp_path):
    path = str(tmp_path / "board.sock")
    c, _ = boot_to_prompt(boot, "--board-ctl", path)
    ctl = BoardCtl(path)
    assert c.run("gpio 15") == "0\n"            # claims the pin as an input
    assert c.run("test -g 15") == "False\n"
    assert ctl.cmd("set pin 15 1") == "ok"
    assert c.run("test -g 15") == "True\n"
    assert c.run("gpio 15") == "1\n"
    assert ctl.cmd("set pin 15 0") == "ok"
    assert c.run("gpio 15") == "0\n"
    assert ctl.cmd("get pin 15") == "ok 0 in"
    ctl.close()


def test_uart1_bytes_flow_both_ways_through_the_control_socket(boot, tmp_path):
    path = str(tmp_path / "board.sock")
    c, _ = boot_to_prompt(boot, "--board-ctl", path)
    ctl = BoardCtl(path)
    assert c.run("uart 1 115200 4 5 modem0") == ""
    assert c.run("uart write modem0 AT+GMR") == ""
    assert ctl.cmd("uart recv 1") == "ok AT+GMR\\r\\n"
    assert ctl.cmd("uart send 1 OK\\r\\n") == "ok"
    assert c.run("uart read modem0 2000") == "OK\n"
    assert ctl.cmd("uart recv 0") == "err no such UART (UART1 only: UART0 is the console)"
    ctl.close()


def test_a_garbage_flash_area_is_left_alone_and_the_board_boots_from_ram(boot, tmp_path):
    image = tmp_path / "junk.img"
    image.write_bytes(os.urandom(AREA))
    before = image.read_bytes()
    c, out = boot_to_prompt(boot, image=str(image))
    assert "not a usable flash image" in out
    assert "on a RAM disk, nothing is kept" in out
    assert re.search(r"^/ +ramfs ", c.run("df"), re.M)
    c.run("echo lost > /x.txt")
    assert c.exit() == 0
    assert image.read_bytes() == before


def test_a_blank_flash_area_is_formatted_and_filled_from_rootfs(boot, tmp_path):
    image = tmp_path / "blank.img"
    image.write_bytes(b"\xff" * AREA)
    c, out = boot_to_prompt(boot, image=str(image))
    assert "blank: formatting it" in out
    assert re.search(r"^/ +flashfs ", c.run("df"), re.M)
    assert c.run("cat /etc/init.sh").startswith("#")
    c.run("echo kept > /x.txt")
    assert c.exit() == 0
    c, out = boot_to_prompt(boot, image=str(image))
    assert "formatting" not in out
    assert c.run("cat /x.txt") == "kept\n"
    assert c.exit() == 0
    extracted = tmp_path / "x"
    os.system(f"{MKFS} --extract {image} {extracted} >/dev/null")
    assert (extracted / "x.txt").read_text() == "kept\n"


def test_adc_inputs_and_the_temperature_sensor(boot, tmp_path):
    path = str(tmp_path / "board.sock")
    c, _ = boot_to_prompt(boot, "--board-ctl", path)
    ctl = BoardCtl(path)
    assert ctl.cmd("set adc 1 1234") == "ok"
    assert c.run("gpio -a 27") == "1234\n"          # GP27 is ADC input 1 (pico.board)
    # the runner's sensor gives 0.706 V: 27 C by the datasheet's formula
    assert re.search(r"Chip temperature: +2[67]\.\d", c.run("sensors"))
    ctl.close()
