b = bytearray(b"ab")
b.extend(b)
print(b)
