#!/usr/bin/python3
"""Drive selftest.elf in QEMU over the console and check every HAL piece of the port.

    /usr/bin/python3 ports/mps2-an385/selftest.py build/mps2/ports/mps2-an385/selftest.elf
"""
import os
import re
import sys
import tempfile
import time

import pexpect

HERE = os.path.dirname(os.path.abspath(__file__))
PROMPT = "selftest> "
failures = []


def check(name, ok, detail=""):
    print(("ok   " if ok else "FAIL ") + name + (": " + detail if detail else ""))
    if not ok:
        failures.append(name)


def boot(elf, cwd):
    child = pexpect.spawn(os.path.join(HERE, "run-qemu.sh"), [elf], cwd=cwd,
                          encoding="utf-8", codec_errors="replace", timeout=20)
    if os.environ.get("SELFTEST_LOG"):
        child.logfile_read = open(os.environ["SELFTEST_LOG"], "a")
    child.expect_exact(PROMPT)
    time.sleep(1.2)   # QEMU 7.2's CMSDK UART drops input in the first second after RX enable
    return child


def run(child, line, timeout=10):
    child.sendline(line)
    child.expect_exact(PROMPT, timeout=timeout)
    return child.before


def main():
    elf = os.path.abspath(sys.argv[1])
    with tempfile.TemporaryDirectory() as cwd:
        child = boot(elf, cwd)
        out = run(child, "printf")
        check("printf %lld %llu %g",
              "-1234567890123 18446744073709551615 0.3 3.142" in out, out.strip())
        out = run(child, "threads")
        check("threads + recursive mutex + cond", "threads ok counter=3000" in out, out.strip())
        out = run(child, "timing")
        m = re.search(r"cond timeout=(\d) waited=(\d+) us; sleep 200 ms took (\d+) us", out)
        check("cond time-out and sleep", bool(m) and m.group(1) == "1"
              and 50000 <= int(m.group(2)) < 80000 and 200000 <= int(m.group(3)) < 260000,
              out.strip())
        out = run(child, "tls")
        check("per-thread errno and local pointer", "mine=0 other=34" in out and "kept" in out,
              out.strip())
        out = run(child, "flash")
        check("flash: NOR semantics over semihosting",
              "blocks=256 r=0 bytes=ff ff 30 30 unaligned=-9" in out, out.strip())
        check("flash image created", os.path.getsize(os.path.join(cwd, "selftest-flash.img"))
              == 1 << 20)
        out = run(child, "mem")
        check("memory statistics", re.search(r"heap total=\d+ used=\d+ peak=\d+", out) is not None,
              out.strip())
        out = run(child, "led")
        check("gpio leds", "led0=1 led1=0 pin9=-19" in out, out.strip())
        out = run(child, "time")
        m = re.search(r"rtc (\d+)", out)
        check("rtc from host clock", bool(m) and abs(int(m.group(1)) - time.time()) < 5, out.strip())
        child.sendline("preempt")
        child.expect_exact("shell still responsive")
        child.expect_exact(PROMPT)
        child.expect_exact("busy thread done")
        check("preemption: console works while a thread spins", True)
        for kind, reason in (("undef", "undefined instruction"), ("div", "division by zero"),
                             ("overflow", "stack overflow")):
            out = run(child, "crash " + kind)
            ok = re.search(r"thread \d+ crashed: " + reason + r" at 0x[0-9a-f]{8}", out)
            check("fault in a thread: " + reason, bool(ok) and "still running" in out, out.strip())
        out = run(child, "threads")
        check("threads still work after faults", "counter=3000" in out, out.strip())
        child.sendline("wdog")
        child.expect_exact("watchdog started")
        t0 = time.time()
        child.expect_exact("watchdog: not fed, resetting")
        child.expect_exact("upyOS-C mps2-an385 selftest")
        check("watchdog resets the board", time.time() - t0 < 3, "%.2f s" % (time.time() - t0))
        child.expect_exact(PROMPT)
        time.sleep(1.2)
        child.sendline("reboot")
        child.expect_exact("upyOS-C mps2-an385 selftest")
        check("reboot through AIRCR", True)
        child.expect_exact(PROMPT)
        time.sleep(1.2)
        child.sendline("crashmain")
        child.expect(r"thread \d+ crashed: undefined instruction")
        child.expect_exact("system halted")
        child.expect(pexpect.EOF)
        child.close()
        check("fault in the main thread halts", child.exitstatus == 1, str(child.exitstatus))
        child = boot(elf, cwd)
        child.sendline("halt")
        child.expect(pexpect.EOF)
        child.close()
        check("halt exits QEMU with 0", child.exitstatus == 0, str(child.exitstatus))
    print("%d failure(s)" % len(failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
