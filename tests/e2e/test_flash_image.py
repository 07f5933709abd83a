"""Booting from a flash image: what is written at the prompt survives exit and kill -9.
On posix the image is given with --image; the MCU port always boots from one (flash=)."""
import os
import shutil
import subprocess

import pytest

from conftest import BIN, IMAGE_SIZE, MKFS, REPO


def make_image(tmp_path):
    image = str(tmp_path / "flash.img")
    subprocess.run([MKFS, "-s", IMAGE_SIZE, image, os.path.join(REPO, "rootfs")], check=True,
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
    c.kill()
    c = boot(image=image)
    out = c.wait_prompt()
    assert "Normal mode boot" in out
    assert (extract(image, tmp_path) / "opt/cut.txt").read_text() == "before the cut\n"


@pytest.mark.posix_only   # runs the simulator binary
def test_a_missing_image_is_a_clear_error(tmp_path):
    r = subprocess.run([BIN, "--image", str(tmp_path / "none.img")], capture_output=True,
                       text=True, stdin=subprocess.DEVNULL, timeout=20)
    assert r.returncode == 1
    assert "cannot open the flash image" in r.stderr


@pytest.mark.posix_only   # runs the simulator binary; test_port_flash.py for the firmware
def test_a_garbage_image_is_refused_not_formatted(tmp_path):
    image = tmp_path / "junk.img"
    image.write_bytes(os.urandom(256 * 1024))
    before = image.read_bytes()
    r = subprocess.run([BIN, "--image", str(image)], capture_output=True, text=True,
                       stdin=subprocess.DEVNULL, timeout=20)
    assert r.returncode == 1
    assert "not a usable flash image" in r.stderr
    assert image.read_bytes() == before


# ---- damaged images (docs/flashfs.md, "Damage") ----

BLOCK = 4096
UNIT = 256


def _u32(b, off):
    return int.from_bytes(b[off:off + 4], "little")


def _live_log_blocks(img):
    """The blocks of the live metadata log, in chain order."""
    blocks = []
    for n in range(2, len(img) // BLOCK):
        b = img[n * BLOCK:(n + 1) * BLOCK]
        if _u32(b, 0) == 0x53464655 and _u32(b, 8) == 2:
            blocks.append((_u32(b, 12), _u32(b, 16), n))
    gen = max(g for g, _, _ in blocks)
    return [n for g, _, n in sorted(blocks) if g == gen]


def _commit_align(img):
    """Where commits may start: at multiples of the newest root's alignment (version 2)."""
    roots = []
    for blk in range(2):
        for off in range(blk * BLOCK + UNIT, (blk + 1) * BLOCK, UNIT):
            if _u32(img, off) == 0x544F4F52 and _u32(img, off + 4) == 2:
                roots.append((_u32(img, off + 8), _u32(img, off + 44)))
    return max(roots)[1]


def _commit_starts(img):
    """Where every commit of the live log starts, in log order."""
    starts = []
    align = _commit_align(img)
    for n in _live_log_blocks(img):
        b = img[n * BLOCK:(n + 1) * BLOCK]
        off = UNIT
        while off + 8 <= BLOCK - UNIT and b[off] != 0xFF:
            starts.append(n * BLOCK + off)
            pos = off
            while b[pos] != 0x45:
                size = 28 + b[pos + 1]
                if b[pos] == 1 and b[pos + 2] & 1:
                    size += _u32(b, pos + 12)
                pos += size
            off = (pos + 8 + align - 1) // align * align
    return starts


def damage_mid_log(image):
    """Flips one bit in a commit with many commits after it, as a worn cell would."""
    img = bytearray(open(image, "rb").read())
    starts = _commit_starts(img)
    assert len(starts) > 4
    img[starts[len(starts) // 2] + 4] ^= 0x01   # the id of its first record
    open(image, "wb").write(img)


def check(image, repair=False):
    args = [MKFS, "--check"] + (["--repair"] if repair else []) + [image]
    return subprocess.run(args, capture_output=True, text=True, timeout=60)


def many_files_image(tmp_path):
    root = tmp_path / "tree"
    shutil.copytree(os.path.join(REPO, "rootfs"), root)
    for i in range(40):
        (root / "opt" / f"f{i:02d}.txt").write_text(f"file {i}\n" * (i + 1))
    image = str(tmp_path / "flash.img")
    subprocess.run([MKFS, "-s", "1M", image, str(root)], check=True, capture_output=True)
    return image, root


def test_check_reports_mid_log_damage_and_repair_keeps_the_rest(tmp_path):
    image, root = many_files_image(tmp_path)
    assert check(image).returncode == 0
    damage_mid_log(image)
    r = check(image)
    assert r.returncode == 1
    assert "damaged commits 1" in r.stdout
    assert "mkfs: " + image + ": damaged records in the middle of the metadata log" in r.stderr
    r = check(image, repair=True)
    assert r.returncode == 0, r.stdout + r.stderr
    assert check(image).returncode == 0
    out = extract(image, tmp_path)
    intact = sum((out / "opt" / f"f{i:02d}.txt").exists() and
                 (out / "opt" / f"f{i:02d}.txt").read_text() == f"file {i}\n" * (i + 1)
                 for i in range(40))
    assert intact >= 39   # at most the file the damaged commit held


@pytest.mark.posix_only   # the console message of the simulator
def test_a_damaged_log_mounts_read_only_and_stays_as_it_was(boot, tmp_path):
    image, _ = many_files_image(tmp_path)
    damage_mid_log(image)
    before = open(image, "rb").read()
    c = boot(image=image)
    out = c.wait_prompt()
    assert "damaged records in the middle of the metadata log: mounted read-only" in out
    assert c.run("cat /opt/f39.txt") == "file 39\n" * 40   # written after the damage
    assert "read-only filesystem" in c.run("echo x > /opt/new.txt")
    assert c.exit() == 0
    assert open(image, "rb").read() == before   # nothing compacted the loss in
    assert check(image, repair=True).returncode == 0
    c = boot(image=image)
    c.wait_prompt()
    c.run("echo x > /opt/new.txt")
    assert c.run("cat /opt/new.txt") == "x\n"


def test_either_superblock_can_be_lost(tmp_path):
    image, _ = many_files_image(tmp_path)
    img = bytearray(open(image, "rb").read())
    img[0:BLOCK] = bytes(BLOCK)
    open(image, "wb").write(img)
    r = check(image)
    assert r.returncode == 0 and "superblocks 1 of 2" in r.stdout
    r = check(image, repair=True)
    assert r.returncode == 0 and "repaired 0" in r.stdout
    assert "superblocks 2 of 2" in check(image).stdout
    assert (extract(image, tmp_path) / "opt/f39.txt").read_text() == "file 39\n" * 40
