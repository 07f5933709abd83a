# bytearray slice assignment, deletion, growth and conversion
ba = bytearray(range(10))
ba[2:5] = b"\xff"
print(ba, len(ba))
ba[0:0] = bytearray(b"AB")
print(ba)
del ba[::2]
print(ba)
ba += b"xyz"
ba *= 2
print(ba, ba.count(b"x"), ba.index(b"y"), ba[-3:], bytes(ba[1:4]))
ba[:] = b""
print(ba, len(ba), bytearray(b"abc") == b"abc", b"abc" == bytearray(b"abc"), bytearray(b"a") < b"b")
buf = bytearray(4)
for i in range(4):
    buf[i] = i * 60
print(buf, list(buf), buf.hex(), bytearray.fromhex("0a0b"), bytes(buf) + b"!")
try:
    buf[1:2] = [300]
except ValueError as e:
    print("ValueError", e)
