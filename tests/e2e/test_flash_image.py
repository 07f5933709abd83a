"""Booting from a flash image: what is written at the prompt survives exit and kill -9."""
import os
import subprocess

from conftest import BIN, MKFS, REPO


def make_image(tmp_path):
    image = str(tmp_path / "flash.img")
    subprocess.run([MKFS, "-s", "2M", image, os.path.join(REPO, "rootfs")], check=True,
                   capture_output=True)
    return image


def extract(image, tmp_path):
    out = tmp_path / "extracted"
    subprocess.run([MKFS, "--extract", image, str(out)], check=True, capture_output=True)
    return out


def test_boots_from_the_image_and_reports_flashfs(boot, tmp_path):
    c = boot(image=make_image(tmp_path))
    out = c.wait_prompt()
    assert "Normal mode boot" in out
    assert "flashfs" in c.run("df")
    assert c.run("sh /opt/hello.sh flash") == "Hello, flash, from /opt/hello.sh\n"


def test_files_survive_exit_and_reboot(boot, tmp_path):
    image = make_image(tmp_path)
    c = boot(image=image)
    c.wait_prompt()
    c.run("echo echo kept across boots > /opt/kept.sh")
    assert c.exit() == 0
    c = boot(image=image)
    c.wait_prompt()
    assert c.run("sh /opt/kept.sh") == "kept across boots\n"
    assert (extract(image, tmp_path) / "opt/kept.sh").read_text() == "echo kept across boots\n"


def test_files_survive_kill_9(boot, tmp_path):
    image = make_image(tmp_path)
    c = boot(image=image)
    c.wait_prompt()
    c.run("echo before the cut > /opt/cut.txt")
    c.child.kill(9)
    c.child.close()
    c = boot(image=image)
    out = c.wait_prompt()
    assert "Normal mode boot" in out
    assert (extract(image, tmp_path) / "opt/cut.txt").read_text() == "before the cut\n"


def test_a_missing_image_is_a_clear_error(tmp_path):
    r = subprocess.run([BIN, "--image", str(tmp_path / "none.img")], capture_output=True,
                       text=True, stdin=subprocess.DEVNULL, timeout=20)
    assert r.returncode == 1
    assert "cannot open the flash image" in r.stderr


def test_a_garbage_image_is_refused_not_formatted(tmp_path):
    image = tmp_path / "junk.img"
    image.write_bytes(os.urandom(256 * 1024))
    before = image.read_bytes()
    r = subprocess.run([BIN, "--image", str(image)], capture_output=True, text=True,
                       stdin=subprocess.DEVNULL, timeout=20)
    assert r.returncode == 1
    assert "not a usable flash image" in r.stderr
    assert image.read_bytes() == before
