# sys.version_info and sys.maxsize describe a Python 3
import sys
print(sys.version_info[0], sys.version_info >= (3, 0), sys.maxsize > 2 ** 30, sys.byteorder in ("little", "big"))
print(isinstance(sys.platform, str), isinstance(sys.implementation.name, str))
