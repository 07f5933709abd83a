# the MicroPython names of the standard modules (ure, uio, ucollections, uerrno, urandom) are
# the same modules here; CPython has only the plain names
import sys
if sys.implementation.name == "upyos":
    import ure as re, uio as io, ucollections as collections, uerrno as errno, urandom as random
else:
    import re, io, collections, errno, random
print(re.sub(r"\d", "#", "a1b22"), io.StringIO("x\ny").readlines(), collections.deque([1, 2], 2))
print(errno.ENOENT, errno.errorcode[errno.EIO], 0 <= random.getrandbits(8) < 256)
print(collections.namedtuple("T", "a")(1), io.BytesIO(b"z").read(), re.match("a", "ab").span())
