"""Boot upyOS-C and talk to it as a user would: through its console, under a pseudo-terminal.

Environment:
  UPYOS_BIN   the simulator binary (default: build/posix/ports/posix/upyos)
"""
import os
import re
import shutil
import sys

import pexpect
import pytest

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BIN = os.environ.get("UPYOS_BIN", os.path.join(REPO, "build/posix/ports/posix/upyos"))
PROMPT = r"\r\n(/[^\r\n]*) \$: "
ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
# Sanitizer builds are several times slower; every wait scales with this.
SLOW = float(os.environ.get("UPYOS_TIMEOUT_SCALE", "1"))


class Console:
    """One booted system and its console."""

    def __init__(self, root, args=(), env=None):
        self.root = root
        self.child = pexpect.spawn(BIN, ["--root", root, *args], encoding="utf-8",
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

    def start(*args, root=None):
        c = Console(root or rootdir, args)
        consoles.append(c)
        return c

    yield start
    for c in consoles:
        c.close()


@pytest.fixture
def upyos(boot):
    """A system booted to its prompt."""
    c = boot()
    c.wait_prompt()
    return c
