"""Boot upyOS-C and talk to it as a user would: through its console, under a pseudo-terminal.

Environment:
  UPYOS_PORT  which port to boot: posix (default) or mps2-an385 (the firmware under QEMU)
  UPYOS_BIN   the simulator binary (default: build/posix/ports/posix/upyos), or for
              mps2-an385 the firmware ELF (default: build/mps2/ports/mps2-an385/upyos.elf)
  UPYOS_TIMEOUT_SCALE  multiplies every wait (slow builds)
  UPYOS_CHECK_EXIT=1   end every test with a clean `exit` (status 0)
"""
import inspect
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time

import pexpect
import pexpect.fdpexpect
import pytest

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PORT = os.environ.get("UPYOS_PORT", "posix")
DEFAULT_BIN = {
    "posix": "build/posix/ports/posix/upyos",
    "mps2-an385": "build/mps2/ports/mps2-an385/upyos.elf",
}
BIN = os.environ.get("UPYOS_BIN", os.path.join(REPO, DEFAULT_BIN[PORT]))
# On the MCU port the root is a RAM disk filled from rootfs/ at boot: tests that prepare or
# inspect files in the host directory of the posix root do not apply there.
HOST_ROOT = PORT == "posix"
# How the boot banner names the board and platform.
BOARD_LINE = {"posix": "on posix-sim (posix)", "mps2-an385": "on mps2-an385 (mps2-an385)"}[PORT]
# QEMU 7.2's CMSDK UART drops what is typed in the first second or so after the guest
# enables its receiver, so the first keys after a boot wait that long after the prompt
# (1.2 s still lost input now and then on a loaded machine; 2 s did not in 30 boots).
UART_SETTLE_S = 2.0 if PORT == "mps2-an385" else 0
POSIX_BIN = BIN if PORT == "posix" else os.path.join(REPO, DEFAULT_BIN["posix"])
MKFS = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(POSIX_BIN))), "tools/mkfs")
PROMPT = r"\r\n(/[^\r\n]*) \$: "
ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
# Sanitizer builds are several times slower; every wait scales with this.
SLOW = float(os.environ.get("UPYOS_TIMEOUT_SCALE", "1"))
# With UPYOS_CHECK_EXIT=1 every test ends by leaving the system through `exit`, which must
# succeed with status 0 (the sanitizer build turns leaks and errors into a failing status).
CHECK_EXIT = os.environ.get("UPYOS_CHECK_EXIT") == "1"


class Console:
    """One booted system and its console."""

    def __init__(self, root, args=(), env=None, image=None):
        self.root = root
        self.settled = UART_SETTLE_S == 0
        self.qemu = None
        if PORT == "mps2-an385":
            self.child = self._start_qemu(root, args, env)
        else:
            where = ["--image", image] if image else ["--root", root]
            self.child = pexpect.spawn(BIN, [*where, *args], encoding="utf-8",
                                       timeout=10 * SLOW, dimensions=(24, 200), env=env)
        self.child.logfile_read = sys.stdout if os.environ.get("UPYOS_ECHO") else None

    def _start_qemu(self, root, args, env):
        """QEMU with the console on a UNIX socket: a terminal between the test and QEMU would
        add its own CR before LF (QEMU keeps OPOST on its stdio)."""
        self.sockdir = tempfile.mkdtemp(prefix="upyos-")   # short: socket paths are limited
        sock_path = os.path.join(self.sockdir, "console")
        runner = os.path.join(REPO, "ports/mps2-an385/run-qemu.sh")
        extra = ["--append", " ".join(args)] if args else []
        # QEMU runs in the root's folder: the flash image file is created there.
        self.qemu = subprocess.Popen([runner, "--socket", sock_path, *extra, BIN], cwd=root,
                                     env=env, stdin=subprocess.DEVNULL)
        deadline = time.time() + 10 * SLOW
        while True:
            try:
                self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
                self.sock.connect(sock_path)
                break
            except OSError:
                self.sock.close()
                if time.time() > deadline or self.qemu.poll() is not None:
                    raise
                time.sleep(0.05)
        return pexpect.fdpexpect.fdspawn(self.sock.fileno(), encoding="utf-8",
                                         codec_errors="replace", timeout=10 * SLOW)

    def wait_prompt(self, timeout=10):
        self.child.expect(PROMPT, timeout=timeout * SLOW)
        before = self.child.before
        if UART_SETTLE_S and (not self.settled or "Booting " in before):
            time.sleep(UART_SETTLE_S)
            self.settled = True
        return before

    def run(self, line, timeout=10):
        """Types a line, waits for the next prompt, returns what was printed in between
        (without the echoed line and without ANSI sequences)."""
        self.child.sendline(line)
        self.child.expect_exact(line, timeout=timeout * SLOW)
        out = self.wait_prompt(timeout)
        out = ANSI.sub("", out).replace("\r\n", "\n")
        # the echoed line's end comes first; the prompt pattern took the last line's end
        out = out[1:] if out.startswith("\n") else out
        return out + "\n" if out else out

    def send(self, text):
        self.child.send(text)

    def expect(self, pattern, timeout=10):
        return self.child.expect(pattern, timeout=timeout * SLOW)

    def exit(self):
        self.child.sendline("exit")
        self.child.expect_exact("(y/N)?")
        self.child.sendline("y")
        return self.wait_exit()

    def wait_exit(self):
        """Waits for the simulator to end by itself; returns its exit status."""
        self.child.expect(pexpect.EOF, timeout=10 * SLOW)
        if self.qemu:
            return self.qemu.wait(timeout=10 * SLOW)
        self.child.wait()           # close() could still signal a process that is exiting
        return self.child.exitstatus

    def close(self):
        if self.qemu:
            if self.qemu.poll() is None:
                self.qemu.kill()
                self.qemu.wait()
            self.sock.close()
            shutil.rmtree(self.sockdir, ignore_errors=True)
        elif self.child.isalive():
            self.child.terminate(force=True)

    def shut_down_cleanly(self):
        """Leaves through exit from whatever state a test left; the sanitizer build reports
        leaks and errors as a non-zero exit status then."""
        if not self.child.isalive():
            return None
        self.child.send("\x03")
        self.child.sendline("")
        self.child.sendline("exit")
        try:
            self.child.expect_exact("(y/N)?", timeout=10 * SLOW)
            self.child.sendline("y")
            return self.wait_exit()
        except pexpect.TIMEOUT:
            return "no exit prompt"


def pytest_collection_modifyitems(config, items):
    if HOST_ROOT:
        return
    skip = pytest.mark.skip(reason="uses the posix port's host root or flash image file")
    for item in items:
        source = inspect.getsource(item.function)
        params = inspect.signature(item.function).parameters
        if "rootdir" in params or ".root" in source or "image=" in source or "MKFS" in source:
            item.add_marker(skip)


@pytest.fixture
def rootdir(tmp_path):
    """A fresh copy of rootfs/ for one test."""
    root = tmp_path / "root"
    shutil.copytree(os.path.join(REPO, "rootfs"), root)
    return str(root)


@pytest.fixture
def boot(rootdir):
    """Boots a system on a fresh root; call with extra simulator arguments if needed."""
    consoles = []

    def start(*args, root=None, image=None):
        c = Console(root or rootdir, args, image=image)
        consoles.append(c)
        return c

    yield start
    problems = []
    for c in consoles:
        if CHECK_EXIT:
            status = c.shut_down_cleanly()
            if status not in (None, 0):
                problems.append(f"exit status {status}")
        c.close()
    if problems:
        pytest.fail("did not shut down cleanly: " + ", ".join(problems))


@pytest.fixture
def upyos(boot):
    """A system booted to its prompt."""
    c = boot()
    c.wait_prompt()
    return c
