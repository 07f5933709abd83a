"""The harness itself: a system that dies during a test must fail that test, never pass as a
clean exit (a sanitizer's abort or a crash at the end of a test is what the ASan pass is for)."""
import os
import signal

import pytest

from conftest import SLOW


@pytest.mark.posix_only
def test_a_crash_is_reported_with_status_and_output(upyos):
    upyos.run("echo before-the-crash")
    # SIGKILL: a sanitizer build turns SIGSEGV into an abort of its own
    os.kill(upyos.child.pid, signal.SIGKILL)
    upyos.child.expect(__import__("pexpect").EOF, timeout=5 * SLOW)
    why = upyos.died_by_itself()
    assert why is not None
    assert f"signal {int(signal.SIGKILL)}" in why
    assert "before-the-crash" in why
    upyos.ended_by_test = True      # seen; the fixture would fail the test otherwise


@pytest.mark.posix_only
def test_a_crash_is_not_an_exit_status(upyos):
    upyos.child.sendline("exit")
    upyos.child.expect_exact("(y/N)?")
    os.kill(upyos.child.pid, signal.SIGABRT)
    status = upyos.wait_exit()
    assert status not in (0, None)
    assert f"signal {int(signal.SIGABRT)}" in str(status)


def test_a_clean_exit_is_status_0(upyos):
    assert upyos.exit() == 0
