"""Faults on the MCU port: a background job that overflows its stack is reported as
"pid N crashed: stack overflow at PC" and ended, and the shell keeps working.
The posix port has no fault recovery (a crash there is the simulator's own), so it skips."""
import re

import pytest

from conftest import PORT

pytestmark = pytest.mark.skipif(PORT == "posix", reason="fault recovery is MCU-only")


def test_stack_overflow_in_background_job_is_reported_and_survived(upyos):
    upyos.run("echo 'sh /tmp/r.sh' > /tmp/r.sh")     # a script that runs itself forever
    upyos.child.sendline("sh /tmp/r.sh &")
    upyos.expect(r"pid (\d+) crashed: stack overflow at 0x[0-9a-f]{8}", timeout=20)
    assert upyos.run("echo alive") == "alive\n"
    ps = upyos.run("ps")
    assert "r.sh" not in ps                         # the crashed job was ended
    assert re.search(r"^\s+1\s+R .* sh$", ps, re.M)


def test_shell_survives_repeated_crashes(upyos):
    upyos.run("echo 'sh /tmp/r.sh' > /tmp/r.sh")
    for _ in range(3):
        upyos.child.sendline("sh /tmp/r.sh &")
        upyos.expect(r"crashed: stack overflow", timeout=20)
    out = upyos.run("free")
    assert out.startswith("Total.:")
    assert upyos.run("echo still here") == "still here\n"
