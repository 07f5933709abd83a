# helper for import_cycle.py: imports _imp_cycle_b, which imports this module back
import _imp_cycle_b
NAME = "a"
def from_b():
    return _imp_cycle_b.NAME
