"""Boot upyOS-C and talk to it as a user would: through its console, under a pseudo-terminal.

Environment:
  UPYOS_BIN   the simulator binary (default: build/posix/ports/posix/upyos)
  UPYOS_TIMEOUT_SCALE  multiplies every wait (slow builds)
  UPYOS_CHECK_EXIT=1   end every test with a clean `exit` (status 0)
"""
import os
import re
import shutil
import sys

import pexpect
import pytest

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BIN = os.environ.get("UPYOS_BIN", os.path.join(REPO, "build/posix/ports/posix/upyos"))
MKFS = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(BIN))), "tools/mkfs")
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
        where = ["--image", image] if image else ["--root", root]
        self.child = pexpect.spawn(BIN, [*where, *args], encoding="utf-8",
                                   timeout=10 * SLOW, dimensions=(24, 200), env=env)
        self.child.logfile_read = sys.stdout if os.environ.get("UPYOS_ECHO") else None

    def wait_prompt(self, timeout=10):
        self.child.expect(PROMPT, timeout=timeout * SLOW)
        return self.child.before

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
        self.child.wait()           # close() could still signal a process that is exiting
        return self.child.exitstatus

    def close(self):
        if self.child.isalive():
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
