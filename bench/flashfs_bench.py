#!/usr/bin/python3
"""flashfs on the RAM flash model: throughput of 1 MB sequential write/read, 1,000 small files,
and write amplification (bytes programmed on flash per byte the user wrote: the ratio against
writing the raw device directly), with the metadata cache off and on."""
import os
import subprocess

from benchlib import REPO

BENCH = os.path.join(REPO, "build/posix/bench/flashfs_bench")

for cache in ("0", "65536"):
    print(f"  cache {cache} bytes:", flush=True)
    out = subprocess.run([BENCH, cache], capture_output=True, text=True, check=True).stdout
    for line in out.splitlines():
        print("    " + line)
