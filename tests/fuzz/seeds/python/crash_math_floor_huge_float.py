import math
print(math.floor(1e300), math.floor(2**100))
