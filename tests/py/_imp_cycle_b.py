# helper for import_cycle.py: sees _imp_cycle_a while it is still being initialised
import _imp_cycle_a
NAME = "b"
SEEN_A_NAME = hasattr(_imp_cycle_a, "NAME")
def from_a():
    return _imp_cycle_a.NAME
