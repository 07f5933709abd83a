# from module import * binds public names only
from _imp_helper import *
print(VALUE, double(2), Thing(1).n)
try:
    _private
except NameError as e:
    print("NameError", e)
