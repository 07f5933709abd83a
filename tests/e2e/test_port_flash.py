"""The MCU port's flash: a damaged or missing image is reported and left as it is (never
formatted), and the board comes up on its RAM disk. The simulator refuses to start instead
(test_flash_image.py)."""
import os
import re

import pytest

from conftest import PORT

# rp2040's runner checks its image itself; its flash tests are in test_port_rp2040.py.
pytestmark = pytest.mark.skipif(PORT != "mps2-an385",
                                reason="mps2-an385's flash image through semihosting")


def test_a_garbage_image_is_left_alone_and_the_board_boots_from_ram(boot, tmp_path):
    image = tmp_path / "junk.img"
    image.write_bytes(os.urandom(256 * 1024))
    before = image.read_bytes()
    c = boot(image=str(image))
    out = c.wait_prompt()
    assert "not a usable flash image" in out
    assert "on a RAM disk, nothing is kept" in out       # repeated by init.sh after the clear
    assert re.search(r"^/ +ramfs ", c.run("df"), re.M)
    c.run("echo lost > /x.txt")
    assert c.exit() == 0
    assert image.read_bytes() == before


def test_a_missing_image_is_reported(boot, tmp_path):
    missing = str(tmp_path / "none.img")
    c = boot("flash=" + missing)            # the last flash= wins: this one does not exist
    out = c.wait_prompt()
    assert f"{missing}: cannot open the flash image" in out
    assert c.run("cat /etc/init.sh").startswith("echo ")
    assert not os.path.exists(missing)
