"""A flash image the simulator does not own alone, and flash that fails: a second simulator on
the same image is refused; a program or erase that fails reaches the command as an I/O error
(and nothing prints success); a write the flash does not keep turns the root read-only and
df says why. Faults come from the board control socket (docs/simulator.md)."""
import os
import subprocess

import pytest

from board_ctl import BoardCtl
from conftest import BIN, MKFS, REPO, SLOW

pytestmark = pytest.mark.posix_only     # the simulator's image file and control socket


def make_image(tmp_path):
    image = str(tmp_path / "flash.img")
    subprocess.run([MKFS, "-s", "2M", image, os.path.join(REPO, "rootfs")], check=True,
                   capture_output=True)
    return image


def boot_image(boot, tmp_path, image):
    sock = str(tmp_path / "board.sock")
    c = boot("--board-ctl", sock, image=image)
    c.wait_prompt()
    return c, BoardCtl(sock)


def check_image(image):
    r = subprocess.run([MKFS, "--check", image], capture_output=True, text=True)
    assert r.returncode == 0, r.stdout + r.stderr


def test_a_second_simulator_on_the_same_image_is_refused(boot, tmp_path):
    image = make_image(tmp_path)
    c = boot(image=image)
    c.wait_prompt()
    c.run("echo first > /opt/first.txt")
    before = open(image, "rb").read()
    r = subprocess.run([BIN, "--image", image], capture_output=True, text=True,
                       stdin=subprocess.DEVNULL, timeout=20 * SLOW)
    assert r.returncode == 1
    assert "in use by another upyos" in r.stderr
    assert open(image, "rb").read() == before
    c.send("reboot\r")                       # a reset keeps the image: the lock goes along
    c.expect("Booting upyOS-C", timeout=20)
    c.wait_prompt()
    assert c.run("cat /opt/first.txt") == "first\n"
    c.run("echo after reset > /opt/second.txt")
    assert c.exit() == 0
    c = boot(image=image)                   # and is released when the simulator ends
    c.wait_prompt()
    assert c.run("cat /opt/second.txt") == "after reset\n"


def test_a_failed_flash_write_is_an_error_and_stores_nothing(boot, tmp_path):
    image = make_image(tmp_path)
    c, ctl = boot_image(boot, tmp_path, image)
    assert ctl.cmd("flash fail prog") == "ok"
    out = c.run("setauth admin pass1 pass1")
    assert out == "setauth: I/O error\n"
    assert c.run("echo $?") == "1\n"
    assert c.run("setauth -v") == "No login is set\n"   # not in use either
    assert c.run("echo hi > /opt/x.txt; echo $?") == "echo: /opt/x.txt: I/O error\n1\n"
    assert ctl.cmd("flash ok") == "ok"
    assert ctl.cmd("flash fail erase") == "ok"
    out = c.run("cp /www/app.js /opt/app.js")            # 5 KB: needs erased blocks
    assert out.startswith("cp: ") and out.endswith(": I/O error\n"), out
    assert c.run("echo $?") == "1\n"
    assert ctl.cmd("flash ok") == "ok"
    assert c.run("setauth admin pass1 pass1") == "Login set for admin\n"
    assert c.exit() == 0
    check_image(image)
    c = boot(image=image)
    c.wait_prompt()
    assert c.run("setauth -v") == "User: admin\n"


def test_a_write_the_flash_does_not_keep_makes_the_root_read_only(boot, tmp_path):
    image = make_image(tmp_path)
    c, ctl = boot_image(boot, tmp_path, image)
    c.run("echo kept > /opt/kept.txt")
    assert ctl.cmd("flash drop") == "ok"
    assert c.run("echo lost > /opt/lost.txt") == "echo: /opt/lost.txt: I/O error\n"
    assert ctl.cmd("flash ok") == "ok"                    # the flash works, the root stays
    assert c.run("echo more > /opt/more.txt") == "echo: /opt/more.txt: read-only filesystem\n"
    assert c.run("rm /opt/kept.txt") == "rm: /opt/kept.txt: read-only filesystem\n"
    assert c.run("mkdir /d") == "mkdir: /d: read-only filesystem\n"
    assert c.run("setauth admin pass1 pass1") == "setauth: read-only filesystem\n"
    assert c.run("cat /opt/kept.txt") == "kept\n"         # reads still served
    assert "/: read-only: the flash did not keep a write" in c.run("df")
    assert c.exit() == 0
    check_image(image)
    c = boot(image=image)                                # a new mount writes again
    c.wait_prompt()
    assert "read-only" not in c.run("df")
    assert c.run("cat /opt/kept.txt") == "kept\n"
    c.run("echo more > /opt/more.txt")
    assert c.run("cat /opt/more.txt") == "more\n"
