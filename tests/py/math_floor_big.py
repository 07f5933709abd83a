# floor, ceil and trunc of floats beyond 64 bits and of ints of any size
import math
print(math.floor(1e300) == 10 ** 300 or math.floor(1e300), math.ceil(-1e300) == int(-1e300))
print(math.trunc(2.0 ** 63), math.floor(-9.2233720368547758e18), math.ceil(2.0 ** 70 + 0.5))
print(math.floor(2 ** 100), math.ceil(-2 ** 100 + 1), math.trunc(3 ** 50))
print(math.floor(True), math.ceil(False), math.floor(-2.5), math.ceil(2.1), math.trunc(-2.7))
