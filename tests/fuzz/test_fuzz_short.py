"""A short libFuzzer run of each fuzz target (tests/fuzz/run.sh), as part of make test.
Longer runs: tests/fuzz/run.sh TARGET SECONDS. Skipped when clang's fuzzer runtime is missing."""
import os
import shutil
import subprocess

import pytest

HERE = os.path.dirname(os.path.abspath(__file__))
SECONDS = int(os.environ.get("UPYOS_FUZZ_SECONDS", "20"))


@pytest.mark.skipif(shutil.which("clang") is None, reason="clang is not installed")
@pytest.mark.parametrize("target", ["lexer", "script", "regex", "http", "ftp", "telnet",
                                    "py_compile", "py_run", "flashfs_mount"])
def test_fuzz_target_finds_nothing(target):
    r = subprocess.run([os.path.join(HERE, "run.sh"), target, str(SECONDS)],
                       stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                       timeout=SECONDS + 600)
    tail = "\n".join(r.stdout.splitlines()[-40:])
    assert r.returncode == 0, tail
    assert "Done " in r.stdout, tail
