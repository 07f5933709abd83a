"""A flash image the simulator does not own alone: a second simulator on the same image is
refused (docs/simulator.md)."""
import os
import subprocess

import pytest

from conftest import BIN, MKFS, REPO, SLOW

pytestmark = pytest.mark.posix_only     # the simulator's image file and control socket


def make_image(tmp_path):
    image = str(tmp_path / "flash.img")
    subprocess.run([MKFS, "-s", "2M", image, os.path.join(REPO, "rootfs")], check=True,
                   capture_output=True)
    return image


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
