# bytes literals, indexing, slicing, iteration
b = b"hello"
print(b, b[0], b[-1], b[1:3], b[::-1], len(b), list(b[:2]), b"" == bytes())
print(b"a\x00\xff", b'\n', rb"\n", len(rb"\n"), b"\x41\x42", bytes(3), bytes([1, 2, 255]))
print(b + b" world", b * 2, b"l" in b, b"ell" in b, 104 in b, b"z" not in b)
print(b == b"hello", b < b"help", b"abc" < b"abd", b != b"", b[0] == ord("h"))
print(bytes("é", "utf-8"), bytes(range(65, 70)), bytes(b"copy"), bytes(bytearray(b"ba")))
for x in b"AZ":
    print(x, end=" ")
print()
try:
    b[0] = 1
except TypeError as e:
    print("TypeError", e)
try:
    b"a" + "b"
except TypeError as e:
    print("TypeError", e)
