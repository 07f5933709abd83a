# a bytearray extended by itself gains what it held, once
b = bytearray(b"ab")
b.extend(b)
print(b)
b.extend(bytearray(b"xy"))
b.extend([1, 2])
b.extend(b"")
print(b, len(b))
