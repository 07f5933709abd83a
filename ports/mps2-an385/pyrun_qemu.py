#!/usr/bin/python3
"""pyrun on the board: runs one Python program on pyrun.elf (the interpreter alone on
mps2-an385's HAL) under QEMU, with pyrun's command line and streams, so that the conformance
suite runs on the MCU build unchanged:

    UPYOS_PYRUN=ports/mps2-an385/pyrun_qemu.py /usr/bin/python3 tests/py/run.py -j 2

    pyrun_qemu.py PROGRAM.py

The program and the files it opens are the host's, relative to this process's folder
(semihosting). Its output reaches stdout as the program wrote it (the UART's CR LF back to LF),
its errors stderr, and the exit status is the program's. What this process reads on stdin is
what input() reads. PYRUN_ELF names another pyrun.elf; PYRUN_HEAP (bytes, 768 KB by default:
room for the suite's larger programs, the board has 4 MB) and PYRUN_STACK (64 KB) size it.
"""
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
ELF = os.environ.get("PYRUN_ELF", os.path.join(REPO, "build/mps2/ports/mps2-an385/pyrun.elf"))
REPORT = b"pyrun: status "     # pyrun.elf's last line, through semihosting (see pyrun.c)


def stdin_file():
    """A host file holding what input() is to read, or None when stdin is empty."""
    data = b"" if sys.stdin is None or sys.stdin.isatty() else sys.stdin.buffer.read()
    if not data:
        return None
    f = tempfile.NamedTemporaryFile(prefix="pyrun-stdin-", delete=False)
    f.write(data)
    f.close()
    return f.name


def without_report(text):
    """The program's errors: QEMU's stderr without pyrun.elf's closing report."""
    at = text.rfind(REPORT)
    if at >= 0 and (at == 0 or text[at - 1:at] == b"\n"):
        return text[:at]
    return text


def main():
    if len(sys.argv) != 2:
        sys.stderr.write("usage: pyrun_qemu.py PROGRAM.py\n")
        return 2
    program = sys.argv[1]
    if " " in program:
        sys.stderr.write("pyrun_qemu.py: the board's command line splits at spaces: %s\n" % program)
        return 2
    words = ["py=" + program, "heap=" + os.environ.get("PYRUN_HEAP", "786432"),
             "stack=" + os.environ.get("PYRUN_STACK", "65536")]
    feed = stdin_file()
    if feed:
        words.append("stdin=" + feed)
    argv = ["qemu-system-arm", "-M", "mps2-an385", "-nographic", "-monitor", "none",
            "-serial", "stdio", "-semihosting-config", "enable=on,target=native",
            "-kernel", ELF, "-append", " ".join(words)]
    try:
        r = subprocess.run(argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                           stderr=subprocess.PIPE)
    finally:
        if feed:
            os.unlink(feed)
    sys.stdout.buffer.write(r.stdout.replace(b"\r\n", b"\n"))
    sys.stdout.flush()
    sys.stderr.buffer.write(without_report(r.stderr))
    sys.stderr.flush()
    return r.returncode


if __name__ == "__main__":
    sys.exit(main())
