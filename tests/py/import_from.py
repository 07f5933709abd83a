# from-imports bind names; the module's globals stay its own
from _imp_helper import double, VALUE as V, bump
import _imp_second
print(double(5), V, _imp_second.quadruple(3), _imp_second.seen_value)
print(bump(), bump())
import _imp_helper
print(_imp_helper.count)
try:
    from _imp_helper import not_there
except ImportError as e:
    print("ImportError", type(e).__name__)
