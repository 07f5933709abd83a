# importing a module from the program's folder: runs once, cached in sys.modules
import sys
import _imp_helper
import _imp_helper as again
print(_imp_helper.VALUE, _imp_helper.double(4), again is _imp_helper, "_imp_helper" in sys.modules)
print(_imp_helper.__name__, type(_imp_helper).__name__, _imp_helper.Thing(3).n)
print(_imp_helper.bump(), _imp_helper.bump(), again.count)
_imp_helper.VALUE = 7
import _imp_helper
print(_imp_helper.VALUE)
