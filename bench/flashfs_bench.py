#!/usr/bin/python3
"""flashfs on the RAM flash model: throughput of 1 MB sequential write/read, 1,000 small files,
and write amplification (bytes programmed on flash per byte the user wrote: the ratio against
writing the raw device directly), with the metadata cache off and on, and look-ups scanning
the log or through a name index large enough for the 1,000 files."""
import os
import subprocess

from benchlib import REPO

BENCH = os.path.join(REPO, "build/posix/bench/flashfs_bench")

for cache, index in (("0", "-1"), ("65536", "-1"), ("0", "1024")):
    print(f"  cache {cache} bytes, name index {'off' if index == '-1' else index + ' entries'}:",
          flush=True)
    out = subprocess.run([BENCH, cache, index], capture_output=True, text=True, check=True).stdout
    for line in out.splitlines():
        print("    " + line)
