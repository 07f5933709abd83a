# converting between bytes, ints, str and lists
b = bytes([0, 127, 128, 255])
print(b, list(b), tuple(b), b[1], b[-1:], bytes(str(5), "ascii"))
print(int.from_bytes(b, "big"), int.from_bytes(b, "little"), (258).to_bytes(2, "big"), (258).to_bytes(2, "little"))
print(bytes("héllo", "utf-8"), "héllo".encode(), b"h\xc3\xa9llo".decode("utf-8"), len("héllo".encode()))
print(b"abc" + bytes(2), b"ab" * 3, bytes(b"x") is not None, b"a" < b"b", b"ab" > b"a", sorted([b"b", b"a", b"ab"]))
print([chr(c) for c in b"hi"], "".join(map(chr, b"ok")), b"A"[0] + 1, bytes([65 + i for i in range(3)]))
for bad in (lambda: bytes("x"), lambda: bytes([256]), lambda: b"a"[5], lambda: bytes(-1)):
    try:
        bad()
    except (TypeError, ValueError, IndexError) as e:
        print(type(e).__name__)
