"""make test runs a short fuzz of the shell: the tests themselves live in tests/fuzz/."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))),
                                "fuzz"))

from test_fuzz_short import test_fuzz_target_finds_nothing  # noqa: E402,F401
