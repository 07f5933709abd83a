"""The web desktop in a real browser (Debian's chromium driven by playwright-core)."""
import json
import os
import shutil
import subprocess

import pytest

from conftest import REPO, SLOW
from netutil import boot_locked

# The MCU port has no network interface yet: these run on the simulator.
pytestmark = pytest.mark.posix_only

BROWSER_DIR = os.path.join(REPO, "tests", "browser")
HAVE_BROWSER = (shutil.which("node") and os.path.exists("/usr/bin/chromium")
                and os.path.isdir(os.path.join(BROWSER_DIR, "node_modules", "playwright-core")))


@pytest.mark.skipif(not HAVE_BROWSER, reason="chromium or playwright-core missing (tools/deps.sh)")
def test_login_status_files_gpio_and_terminal_in_chromium(boot, rootdir):
    with open(os.path.join(rootdir, "opt", "note.txt"), "w") as f:
        f.write("first line\n")
    with open(os.path.join(rootdir, "opt", "old.txt"), "w") as f:
        f.write("to be deleted\n")
    port = boot_locked(boot, "admin", "webpw", "uhttpd")[1][0]
    r = subprocess.run(["node", "desktop.js", f"http://127.0.0.1:{port}/", "admin", "webpw",
                        "/opt/note.txt"], cwd=BROWSER_DIR, capture_output=True, text=True,
                       timeout=120 * SLOW)
    assert r.stdout.strip(), r.stderr[-2000:]
    seen = json.loads(r.stdout.strip().splitlines()[-1])
    assert "error" not in seen, seen
    assert seen["wrongLogin"] == "Login incorrect"
    assert "bytes used" in seen["memory"]
    assert seen["uptimes"][0] != seen["uptimes"][1]          # the status updates by itself
    assert seen["plotSamples"] >= 2                           # ... and so does its plot
    assert open(os.path.join(rootdir, "opt", "note.txt")).read() == \
        "first line\nedited in the browser\n"
    opt = os.path.join(rootdir, "opt")
    assert open(os.path.join(opt, "up.txt")).read() == "uploaded from chromium\n"
    assert seen["downloadHref"] == "/api/fs/download?path=%2Fopt%2Fup.txt"
    assert os.path.isdir(os.path.join(opt, "made-in-browser"))
    assert not os.path.exists(os.path.join(opt, "old.txt"))
    assert "made-in-browser/" in seen["files"] and not any("old.txt" in f for f in seen["files"])
    assert seen["pinBefore"] == "3: 0" and seen["pinAfter"] == "3: 1"
    assert "\nweb:terminal" in seen["screen"]
