"""The mixed soak on a flash-image root: HTTP uploads and reads, API commands, FTP transfers,
telnet logins and background jobs at once. Nothing crashes, every file holds what was last
written to it (read back through the image after a clean exit), and memory and descriptors
stay where they were after a warm-up. Memory here is the anonymous part of RSS: the image is
read through a mapping whose pages count in VmRSS as the log is walked (up to the image's
2 MB), which is no memory the system holds."""
import os
import subprocess
import time

import pytest

from conftest import CHECK_EXIT, MKFS, REPO, SLOW
from httputil import login_token
from netutil import boot_locked, process_usage
from soakmix import MixedLoad

pytestmark = pytest.mark.posix_only

ROUNDS = 60 if SLOW == 1 else 10             # per client thread, five threads
TIME_LIMIT = 240 * SLOW


def test_mixed_soak_on_a_flash_image(boot, tmp_path):
    image = str(tmp_path / "flash.img")
    subprocess.run([MKFS, "-s", "2M", image, os.path.join(REPO, "rootfs")], check=True,
                   capture_output=True)
    c, (hport, fport, tport) = boot_locked(boot, "admin", "pass1", "uhttpd", "uftpd",
                                            "utelnetd", image=image)
    c.run("mkdir /soak")
    load = MixedLoad(hport, fport, tport, "admin", "pass1",
                     "session=" + login_token(hport, "admin", "pass1"))
    deadline = time.monotonic() + TIME_LIMIT
    # The warm-up is as long as the measured run: the process's memory climbs for some thirty
    # rounds, then stays (measured: 150-330 KiB of growth after a three-round warm-up, 110-140
    # after thirty rounds, 30-50 after sixty, on the same tree), so a short warm-up measured
    # the climb, not a leak.
    load.run(ROUNDS, deadline)
    time.sleep(0.5)
    rss0, fds0 = process_usage(c.child.pid, "RssAnon")
    done = load.run(ROUNDS, deadline)
    time.sleep(0.5)
    rss1, fds1 = process_usage(c.child.pid, "RssAnon")
    assert not load.errors, load.errors[:5]
    assert all(n >= ROUNDS for n in done.values()), f"too slow: {done}"
    assert fds1 <= fds0
    if not CHECK_EXIT:                          # ASan's quarantine grows RSS without a leak
        assert rss1 - rss0 < 256, (rss0, rss1)    # KiB
    assert c.exit() == 0
    out = tmp_path / "extracted"
    subprocess.run([MKFS, "--extract", image, str(out)], check=True, capture_output=True)
    for path, data in load.expected.items():
        assert (out / path.lstrip("/")).read_bytes() == data, path
