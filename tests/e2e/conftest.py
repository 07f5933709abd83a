"""Boot upyOS-C and talk to it as a user would: through its console, under a pseudo-terminal.

Environment:
  UPYOS_PORT  which port to boot: posix (default), mps2-an385 (the firmware under QEMU) or
              rp2040 (the Pico firmware under rp2040js, ports/rp2040/host/run.js)
  UPYOS_BIN   the simulator binary (default: build/posix/ports/posix/upyos), or for
              mps2-an385 the firmware ELF (default: build/mps2/ports/mps2-an385/upyos.elf),
              for rp2040 build/rp2040/ports/rp2040/upyos.elf
  UPYOS_TIMEOUT_SCALE  multiplies every wait (slow builds)
  UPYOS_CHECK_EXIT=1   end every test with a clean `exit` (status 0)

Both ports boot from the `rootdir` copy of rootfs/: the simulator uses the folder itself as
"/", the firmware a flash image that the fixture makes from the folder with tools/mkfs at the
first boot (kept for the next boots of the same test). So files a test puts in `rootdir`
before booting are there on both ports; on the MCU port `upyos` boots at its first use, so
that holds for a test taking `upyos, rootdir` that writes its files before it types anything.
To look at what the system wrote, read `console.host_path(path)`. Tests that need the simulator itself (its control socket, its
binary, a live host folder as root, sanitizer builds) are marked `posix_only`.
"""
import glob
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
    "rp2040": "build/rp2040/ports/rp2040/upyos.elf",
}
BIN = os.environ.get("UPYOS_BIN", os.path.join(REPO, DEFAULT_BIN[PORT]))
# The root is a host folder on posix, a flash image made from that folder on the MCU port.
HOST_ROOT = PORT == "posix"
# What the system calls its platform and board (si, lshw, the boot banner, the board file).
PLATFORM = {"posix": "posix", "mps2-an385": "mps2-an385", "rp2040": "rp2040"}[PORT]
BOARD = {"posix": "posix-sim", "mps2-an385": "mps2-an385", "rp2040": "pico"}[PORT]
BOARD_LINE = f"on {BOARD} ({PLATFORM})"
# A GPIO pin the board drives as an output and reads back (on the MPS2: LED 0, the Pico's LED).
GPIO_OUT = {"posix": 2, "mps2-an385": 0, "rp2040": 25}[PORT]
# The size of a flash image holding "/" (mkfs -s): the whole chip on the MPS2, the part of
# the Pico's 2 MB above the firmware (rp2040.ld).
IMAGE_SIZE = {"posix": "2M", "mps2-an385": "2M", "rp2040": "1M"}[PORT]
# The simulator binary: the firmware's tests use its build for the host tools (tools/mkfs,
# tools/commands_md).
POSIX_BIN = BIN if PORT == "posix" else os.path.join(REPO, DEFAULT_BIN["posix"])
MKFS = os.path.join(os.path.dirname(os.path.dirname(os.path.dirname(POSIX_BIN))), "tools/mkfs")
# A board without a network interface leaves the network commands (cmd/net/) out of its
# firmware: its ports/PORT/features.cmake turns UPYOS_NETWORK off.
def _port_has_network():
    features = os.path.join(REPO, "ports", PORT, "features.cmake")
    return not (os.path.exists(features) and
                re.search(r"^set\(UPYOS_NETWORK_DEFAULT OFF\)", open(features).read(), re.M))


HAS_NETWORK = _port_has_network()


NETWORK_COMMANDS = {name for path in glob.glob(os.path.join(REPO, "cmd", "net", "*.c"))
                    for name in re.findall(r"^COMMAND\((\w+),", open(path).read(), re.M)}
PROMPT = r"\r\n(/[^\r\n]*) \$: "
ANSI = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
# Sanitizer builds are several times slower; every wait scales with this.
SLOW = float(os.environ.get("UPYOS_TIMEOUT_SCALE", "1"))
# With UPYOS_CHECK_EXIT=1 every test ends by leaving the system through `exit`, which must
# succeed with status 0 (the sanitizer build turns leaks and errors into a failing status).
CHECK_EXIT = os.environ.get("UPYOS_CHECK_EXIT") == "1"


class OutputTail:
    """Keeps the last characters the system printed, to show when it dies; echoes them too
    when UPYOS_ECHO is set."""

    SIZE = 3000

    def __init__(self, echo):
        self.text = ""
        self.echo = echo

    def write(self, s):
        self.text = (self.text + s)[-self.SIZE:]
        if self.echo:
            self.echo.write(s)

    def flush(self):
        if self.echo:
            self.echo.flush()


class Console:
    """One booted system and its console."""

    def __init__(self, root, args=(), env=None, image=None):
        self.root = root
        self.ended_by_test = False      # exit(), wait_exit() or kill() was called
        self.extracted = []
        self.image = image
        self.qemu = None
        if PORT != "posix":
            self.image = image or root + ".img"
            if not os.path.exists(self.image):
                subprocess.run([MKFS, "-s", IMAGE_SIZE, self.image, root], check=True,
                               capture_output=True)
            self.child = self._start_qemu(root, args, env)
        else:
            where = ["--image", image] if image else ["--root", root]
            self.child = pexpect.spawn(BIN, [*where, *args], encoding="utf-8",
                                       timeout=10 * SLOW, dimensions=(24, 200), env=env)
        self.output = OutputTail(sys.stdout if os.environ.get("UPYOS_ECHO") else None)
        self.child.logfile_read = self.output

    def _start_qemu(self, root, args, env):
        """The emulator (QEMU, or rp2040js's runner) with the console on a UNIX socket: a
        terminal between the test and it would add its own CR before LF (QEMU keeps OPOST on
        its stdio, node's raw mode ONLCR). On rp2040 the args are the runner's own (-r,
        --board-ctl PATH)."""
        self.sockdir = tempfile.mkdtemp(prefix="upyos-")   # short: socket paths are limited
        sock_path = os.path.join(self.sockdir, "console")
        if PORT == "rp2040":
            command = ["node", os.path.join(REPO, "ports/rp2040/host/run.js"), "--socket",
                       sock_path, "--flash", self.image, *args, BIN]
        else:
            runner = os.path.join(REPO, "ports/mps2-an385/run-qemu.sh")
            args, wires = list(args), []
            while "--uart" in args:          # the runner's own: UART 1 to a modem simulator
                i = args.index("--uart")
                wires += args[i:i + 2]
                del args[i:i + 2]
            extra = ["--append", " ".join(args)] if args else []
            command = [runner, "--socket", sock_path, "--flash", self.image, *wires, *extra,
                       BIN]
        self.qemu = subprocess.Popen(command, cwd=root, env=env, stdin=subprocess.DEVNULL)
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
        """Waits for the simulator to end by itself; returns its exit status, or a text
        naming the signal that ended it (never None: a crash is not a clean exit)."""
        self.ended_by_test = True
        self.child.expect(pexpect.EOF, timeout=10 * SLOW)
        if self.qemu:
            return self.qemu.wait(timeout=10 * SLOW)
        self.child.wait()           # close() could still signal a process that is exiting
        return self._status()

    def _status(self):
        if self.qemu:
            return self.qemu.poll()
        if self.child.signalstatus is not None:
            return f"killed by signal {self.child.signalstatus}"
        return self.child.exitstatus

    def is_alive(self):
        if self.qemu:
            return self.qemu.poll() is None
        return self.child.isalive()     # reaps a dead child, setting its status

    def died_by_itself(self):
        """Why the system is gone though the test did not end it, or None. A crash, an
        abort from a sanitizer or a trap ends up here."""
        if self.ended_by_test or self.is_alive():
            return None
        return f"the system died by itself ({self._status()}); its last output:\n" + \
            ANSI.sub("", self.output.text)[-1500:]

    def host_path(self, path):
        """Where on the host to read the file or folder the system has at PATH, as it is now
        (after the last command finished): under the root folder on posix; on the MCU port
        in a copy extracted from the flash image (flashfs keeps every finished write
        committed, so the image reads consistently while QEMU runs). For reading only."""
        if PORT == "posix":
            return os.path.join(self.root, path.lstrip("/"))
        out = tempfile.mkdtemp(prefix="upyos-extract-")
        self.extracted.append(out)
        subprocess.run([MKFS, "--extract", self.image, out + "/x"], check=True,
                       capture_output=True)
        return os.path.join(out, "x", path.lstrip("/"))

    def kill(self):
        """Cuts the power: the system gets no chance to finish anything."""
        self.ended_by_test = True
        if self.qemu:
            self.qemu.kill()            # the socket is closed with the console (close())
            self.qemu.wait()
        else:
            self.child.kill(9)
            self.child.close()

    def close(self):
        if self.qemu:
            if self.qemu.poll() is None:
                self.qemu.kill()
                self.qemu.wait()
            self.sock.close()
            shutil.rmtree(self.sockdir, ignore_errors=True)
        elif self.child.isalive():
            self.child.terminate(force=True)
        for d in self.extracted:
            shutil.rmtree(d, ignore_errors=True)

    def shut_down_cleanly(self):
        """Leaves through exit from whatever state a test left; the sanitizer build reports
        leaks and errors as a non-zero exit status then."""
        if not self.is_alive():
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


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "posix_only: needs the simulator itself (its binary, control socket, a "
        "live host folder as root, sanitizers); skipped on other ports")


def pytest_collection_modifyitems(config, items):
    if PORT == "posix":
        return
    skip = pytest.mark.skip(reason=f"posix_only: does not apply to {PORT}")
    for item in items:
        if item.get_closest_marker("posix_only"):
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
        died = c.died_by_itself()
        if died:
            problems.append(died)
        elif CHECK_EXIT and not c.ended_by_test:
            status = c.shut_down_cleanly()
            if status not in (None, 0):
                problems.append(f"exit status {status}")
        c.close()
    if problems:
        pytest.fail("did not shut down cleanly: " + ", ".join(problems))


def put_file(root, path, text):
    """Writes text to path (as the system sees it) under a root folder, making its folders;
    returns path."""
    full = os.path.join(root, path.lstrip("/"))
    os.makedirs(os.path.dirname(full), exist_ok=True)
    with open(full, "w") as f:
        f.write(text)
    return path


@pytest.fixture
def boot_with_files(boot, rootdir):
    """Puts files in the root, then boots to the prompt: call with {path: text}, a path ending
    in "/" naming a folder. Before the boot, so that the MCU port's flash image holds them."""
    def start(files):
        for path, text in files.items():
            if path.endswith("/"):
                os.makedirs(os.path.join(rootdir, path.lstrip("/")), exist_ok=True)
            else:
                put_file(rootdir, path, text)
        c = boot()
        c.wait_prompt()
        return c

    return start


class BootOnFirstUse:
    """`upyos` on the MCU port: the flash image is made when the system boots, so the boot
    waits until the test first uses the console, after it has put its files in rootdir."""

    def __init__(self, start, root):
        self.root = root
        self._start = start
        self._console = None

    def __getattr__(self, name):
        if self._console is None:
            self._console = self._start()
            self._console.wait_prompt()
        return getattr(self._console, name)


@pytest.fixture
def upyos(boot, rootdir):
    """A system booted to its prompt."""
    if HOST_ROOT:
        c = boot()
        c.wait_prompt()
        return c
    return BootOnFirstUse(boot, rootdir)
