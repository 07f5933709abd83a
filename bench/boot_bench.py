#!/usr/bin/python3
"""Boot-to-prompt time and peak RSS of the posix simulator, median of several runs, against
BusyBox ash starting an interactive shell to its first prompt in the same run. The simulator
boots from a flash image, as `make run` does (the image's first boot, which writes
system.conf, is left out); a host-folder root is measured beside it."""
import shutil

from benchlib import (BUSYBOX, UPYOS, median, report, scratch_image, scratch_root,
                      time_until)

RUNS = 11


def main():
    tmp, root = scratch_root()
    try:
        image = scratch_image(tmp, root)
        time_until([UPYOS, "--image", image], b"$: ", b"exit\n")      # the first boot
        ours = [time_until([UPYOS, "--image", image], b"$: ", b"exit\n") for _ in range(RUNS)]
        folder = [time_until([UPYOS, "--root", root], b"$: ", b"exit\n") for _ in range(RUNS)]
    finally:
        shutil.rmtree(tmp)
    ref = []
    if BUSYBOX:
        env = {"PS1": "$: ", "HOME": "/tmp", "PATH": "/usr/bin:/bin"}
        ref = [time_until([BUSYBOX, "sh", "-i"], b"$: ", b"exit\n", env) for _ in range(RUNS)]
    boot_ms = median([t for t, _ in ours]) * 1000
    rss = median([r for _, r in ours])
    ref_ms = median([t for t, _ in ref]) * 1000 if ref else None
    ref_rss = median([r for _, r in ref]) if ref else None
    print(f"  median of {RUNS} runs (upyOS-C boots with init.sh: lshw, free, df)")
    report("boot to prompt, flash image", boot_ms, "ms", "busybox sh -i to prompt", ref_ms)
    report("boot to prompt, host folder", median([t for t, _ in folder]) * 1000, "ms",
           "busybox sh -i to prompt", ref_ms)
    report("peak RSS at the prompt", rss, "KiB", "busybox sh -i", ref_rss)


if __name__ == "__main__":
    main()
