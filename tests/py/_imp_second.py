# a second helper module that imports the first
import _imp_helper
from _imp_helper import double
def quadruple(x):
    return double(double(x))
seen_value = _imp_helper.VALUE
