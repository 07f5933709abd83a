#!/usr/bin/python3
"""Where the mps2-an385 firmware's boot goes, in emulated time (docs/porting.md, "Boot time,
step by step"). Boots a fresh flash image made from rootfs/ under -icount shift=5 with QEMU's
`-d in_asm,exec,nochain` trace, weighs each executed block by its instruction count (one
every 32 ns), attributes it to the symbol it starts in, and stops at the first entry into
STOP (default lineedit_read_grown: the prompt waits for a line).

  tools/boot_profile.py [ELF] [-r] [--later [--normal-first]] [FUNCTION ...]
    -r              a recovery boot
    --later         boot the image once before the one traced (--normal-first: that first
                    boot a normal one, running init.sh; else like the traced one)
    FUNCTION        print the time of the first entry into each
  environment: START=FUNCTION  profile only from its first entry (a window of the boot)
               STOP=FUNCTION   where the boot ends (default lineedit_read_grown)
               CALLEES=F,G     also attribute the time in F and G to the function before them
"""
import bisect
import collections
import os
import re
import select
import shutil
import subprocess
import sys
import tempfile
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
NS_PER_INSN = 32e-6           # ms per instruction at shift=5


def boot(elf, image, recovery, trace_log=None):
    """One boot to the prompt; returns the console output (with the firmware's stats lines)."""
    cmd = ["qemu-system-arm", "-M", "mps2-an385", "-nographic", "-monitor", "none",
           "-serial", "stdio", "-semihosting-config", "enable=on,target=native",
           "-icount", "shift=5,align=off,sleep=off", "-kernel", elf,
           "-append", "stats flash=" + image + (" -r" if recovery else "")]
    if trace_log:
        cmd[1:1] = ["-d", "in_asm,exec,nochain", "-D", trace_log]
    p = subprocess.Popen(cmd, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                         stderr=subprocess.STDOUT)
    out, deadline = b"", time.time() + 120
    while time.time() < deadline:
        if select.select([p.stdout], [], [], 3)[0]:
            chunk = os.read(p.stdout.fileno(), 4096)
            if not chunk:
                break
            out += chunk
            if b"mps2: heap total" in out:
                break
        elif b"mps2: heap total" in out:
            break
    p.kill()
    p.wait()
    return out.decode("utf-8", "replace")


def symbols(elf):
    """(start, size, name) of the ELF's functions, sorted by address."""
    syms = []
    nm = subprocess.run(["arm-none-eabi-nm", "-S", "-n", elf], capture_output=True, text=True,
                        check=True).stdout
    for line in nm.splitlines():
        f = line.split()
        if len(f) == 4 and f[2] in "tTwW":
            syms.append((int(f[0], 16) & ~1, int(f[1], 16), f[3]))
    return syms


def main():
    args = sys.argv[1:]
    elf = args.pop(0) if args and args[0].endswith(".elf") else \
        os.path.join(REPO, "build/mps2/ports/mps2-an385/upyos.elf")
    recovery, later, normal_first = "-r" in args, "--later" in args, "--normal-first" in args
    markers = [a for a in args if not a.startswith("-")]
    start, stop = os.environ.get("START"), os.environ.get("STOP", "lineedit_read_grown")
    callees = set(filter(None, os.environ.get("CALLEES", "").split(",")))
    d = tempfile.mkdtemp(prefix="upyos-profile-")
    try:
        image, log = os.path.join(d, "flash.img"), os.path.join(d, "trace.log")
        subprocess.run([os.path.join(REPO, "build/posix/tools/mkfs"), "-s", "2M", image,
                        os.path.join(REPO, "rootfs")], check=True, capture_output=True)
        if later:
            boot(elf, image, recovery and not normal_first)
        out = boot(elf, image, recovery, log)
        m = re.search(r"mps2: prompt after ([\d.]+) ms", out)
        print("firmware's figure: prompt after %s ms" % (m.group(1) if m else "?"))
        syms = symbols(elf)
        starts = [s[0] for s in syms]

        def name(pc):
            i = bisect.bisect_right(starts, pc) - 1
            return syms[i][2] if i >= 0 and pc < syms[i][0] + syms[i][1] + 4 else hex(pc)

        insns, block = {}, None
        flat, by_caller, first = collections.Counter(), collections.Counter(), {}
        total, inside, last = 0, start is None, None
        with open(log, errors="replace") as f:
            for line in f:
                if line.startswith("IN:"):
                    block = None
                    continue
                m = re.match(r"0x([0-9a-f]{8}):\s", line)
                if m:                          # an instruction of a block being translated
                    if block is None:
                        block = int(m.group(1), 16)
                        insns[block] = 0
                    insns[block] += 1
                    continue
                if not line.startswith("Trace"):
                    continue
                block = None
                pc = int(re.search(r"\[[0-9a-f]+/([0-9a-f]+)/", line).group(1), 16)
                n, s = insns.get(pc, 1), name(pc)
                first.setdefault(s, total)
                if s == stop:
                    break
                inside = inside or s == start
                if inside:
                    flat[s] += n
                    if s in callees:
                        by_caller[(s, last)] += n
                if s not in callees:
                    last = s
                total += n
        print("trace: %.3f ms to %s; window %.3f ms" % (total * NS_PER_INSN, stop,
                                                         sum(flat.values()) * NS_PER_INSN))
        for s, n in flat.most_common(40):
            print("%8.3f ms  %s" % (n * NS_PER_INSN, s))
        for s in markers:
            print("first %s at %s" % (s, "%.3f ms" % (first[s] * NS_PER_INSN) if s in first
                                      else "(never)"))
        for (s, caller), n in by_caller.most_common(25):
            print("%8.3f ms  %s <- %s" % (n * NS_PER_INSN, s, caller))
    finally:
        shutil.rmtree(d, ignore_errors=True)


if __name__ == "__main__":
    main()
