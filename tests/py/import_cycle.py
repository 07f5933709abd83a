# two modules importing each other: the second sees the first half-initialised
import sys
import _imp_cycle_a
import _imp_cycle_b
print(_imp_cycle_a.NAME, _imp_cycle_b.NAME, _imp_cycle_b.SEEN_A_NAME)
print(_imp_cycle_a.from_b(), _imp_cycle_b.from_a())
print("_imp_cycle_a" in sys.modules, "_imp_cycle_b" in sys.modules)
