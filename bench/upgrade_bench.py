#!/usr/bin/python3
"""upgrade of 100 files / 1 MB from a loopback HTTP server, against fetching the same files
with wget one by one (goal: at most 1.5x), and the flash the upgrade holds before it is
confirmed against the size of the changed files (goal: no more than that plus one block).
Both run on a 4 MB flash image. UPYOS_UPGRADE_CUTS=500 with tests/e2e/test_upgrade.py is the
power-cut run of issue 18."""
import functools
import http.server
import os
import re
import shutil
import subprocess
import sys
import threading
import time

import pexpect

from benchlib import MKFS, REPO, UPYOS, report, scratch_root

FILES = 100
SIZE = 10 * 1024
PROMPT = r"\r\n/[^\r\n]* \$: "


class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def tool(name, *args):
    subprocess.run([sys.executable, os.path.join(REPO, "tools", name), *map(str, args)],
                   check=True, capture_output=True)


def boot(image):
    c = pexpect.spawn(UPYOS, ["--image", image], encoding="utf-8", timeout=120)
    c.expect(PROMPT)
    return c


def timed(c, line):
    start = time.perf_counter()
    c.sendline(line)
    c.expect(PROMPT)
    return time.perf_counter() - start, c.before


def used_bytes(c):
    c.sendline("df")
    c.expect(PROMPT)
    m = re.search(r"^/\s+flashfs\s+\S+\s+(\S+)", c.before, re.M)
    return m.group(1) if m else "?"


def main():
    tmp, root = scratch_root()
    try:
        tool("release-sign", "--keygen", f"{tmp}/key.pem", f"{tmp}/pub.pem")
        new = f"{tmp}/new"
        shutil.copytree(root, new)
        os.makedirs(f"{new}/www/bench")
        for i in range(FILES):
            with open(f"{new}/www/bench/f{i:03}.bin", "wb") as f:
                f.write(os.urandom(SIZE))
        tool("release", new, f"{tmp}/www/rel", "--version", "9.0", "--key", f"{tmp}/key.pem")
        shutil.copy(f"{tmp}/pub.pem", f"{root}/etc/upgrade.pub")
        with open(f"{root}/opt/wgetall.sh", "w") as f:
            f.write("mkdir /www/bench\n")
            for i in range(FILES):
                f.write(f"wget $U/www/bench/f{i:03}.bin -O /www/bench/f{i:03}.bin\n")
        image = f"{tmp}/flash.img"
        subprocess.run([MKFS, "-s", "4M", image, root], check=True, capture_output=True)
        shutil.copy(image, f"{tmp}/pristine.img")
        httpd = http.server.ThreadingHTTPServer(
            ("127.0.0.1", 0), functools.partial(Quiet, directory=f"{tmp}/www"))
        threading.Thread(target=httpd.serve_forever, daemon=True).start()
        url = f"http://127.0.0.1:{httpd.server_address[1]}/rel"

        c = boot(image)
        timed(c, f"export U {url}")
        wget_s, _ = timed(c, "sh /opt/wgetall.sh > /tmp/out")
        c.terminate(force=True)

        shutil.copy(f"{tmp}/pristine.img", image)
        c = boot(image)
        before = used_bytes(c)
        ours_s, out = timed(c, f"upgrade -f -s {url}")
        if "Upgraded to 9.0" not in out:
            raise RuntimeError(out[-500:])
        on_trial = used_bytes(c)
        c.terminate(force=True)
        httpd.shutdown()
    finally:
        shutil.rmtree(tmp)
    print(f"  {FILES} files of {SIZE // 1024} KiB from 127.0.0.1, flash image 4 MB")
    report("upgrade -f (fetch, verify, switch)", ours_s * 1000, "ms", "wget one by one",
           wget_s * 1000)
    print(f"  flash used: {before} before, {on_trial} on trial "
          f"({FILES * SIZE // 1024} KiB of new files)")


if __name__ == "__main__":
    main()
