# module functions called with too few or too many arguments raise TypeError (math.floor(),
# struct.calcsize() and binascii.unhexlify() read an argument they were never given)
import math, struct, binascii, sys, time
calls = [math.floor, math.ceil, math.trunc, math.isnan, math.isinf, math.isfinite, math.factorial,
         math.modf, math.frexp, math.sqrt, math.pow, math.atan2, math.fmod, math.copysign, math.ldexp,
         math.log, struct.calcsize, struct.pack, struct.unpack, binascii.hexlify, binascii.unhexlify,
         binascii.crc32, sys.setrecursionlimit, time.sleep]
for f in calls:
    for args in ((), (1, 2, 3, 4, 5)):
        try:
            f(*args)
            print(f.__name__, len(args), "no error")
        except TypeError:
            print(f.__name__, len(args), "TypeError")
print(math.floor(2.5), math.pow(2, 3), struct.calcsize("<h"), binascii.hexlify(b"\x01\xff"), math.ldexp(1.0, 3))
