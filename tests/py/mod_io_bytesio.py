# io.BytesIO: a binary file in memory
import io
b = io.BytesIO()
print(b.write(b"abc"), b.write(bytearray(b"\x00\xff")), b.tell(), b.getvalue())
b.seek(1)
print(b.read(2), b.read(), b.read(), b.tell())
b = io.BytesIO(b"line1\nline2\nend")
print(b.readline(), b.readlines(), b.seek(-3, 2), b.read(), b.seek(-2, 1), b.read(1))
print(list(io.BytesIO(b"a\nb")), io.BytesIO(b"xyz").read(2), io.BytesIO(initial_bytes=b"q").getvalue())
b = io.BytesIO(b"12345")
b.seek(8); b.write(b"!"); print(b.getvalue(), b.tell())
with io.BytesIO(b"data") as f:
    print(f.read(), f.closed)
print(f.closed, isinstance(io.StringIO(), io.StringIO), io.open is open)
class Stream(io.IOBase):
    pass
print(isinstance(Stream(), io.IOBase))
print(io.BytesIO().readline(), io.StringIO().readlines(), repr(io.StringIO().readline()), io.StringIO().write(""))
