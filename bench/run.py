#!/usr/bin/python3
"""make bench: runs every bench/*_bench.py in turn; each prints its own figures and ratios
against reference programs measured in the same run."""
import glob
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))

status = 0
for script in sorted(glob.glob(os.path.join(HERE, "*_bench.py"))):
    print(f"== {os.path.basename(script)}", flush=True)
    r = subprocess.run([sys.executable, script], cwd=os.path.dirname(HERE))
    status |= r.returncode
sys.exit(status)
