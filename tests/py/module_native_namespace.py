# a native module's functions: read, replaced, deleted, listed and star-imported as any
# module attribute, whether or not its namespace dict holds them yet
import math, time, gc

print(math.sqrt(16.0), hasattr(math, 'floor'), hasattr(math, 'no_such_name'))
print(getattr(math, 'fa' + 'bs')(-2), callable(getattr(time, 'sleep')))
print('sqrt' in dir(math), 'collect' in dir(gc), 'floor' in vars(math), 'ceil' in math.__dict__)

def double(x):
    return 2 * x
math.sqrt = double
print(math.sqrt(5), 'sqrt' in math.__dict__ and math.__dict__['sqrt'] is double)

del math.floor
print(hasattr(math, 'floor'), 'floor' in dir(math))
try:
    del math.floor
except AttributeError:
    print('AttributeError on a second del')
try:
    math.floor
except AttributeError:
    print('AttributeError on read')

setattr(time, 'extra', 1)
print(time.extra, 'extra' in dir(time), 'sleep' in dir(time))
del time.sleep
print(hasattr(time, 'sleep'), hasattr(time, 'extra'))

from math import *
print(ceil(1.5), sqrt(3))
try:
    floor
except NameError:
    print('no floor after del')

import struct
print(callable(struct.pack), "pack" in struct.__dict__, "unpack" in dir(struct))
