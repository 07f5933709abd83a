# to_bytes and from_bytes take byteorder "little" or "big" only, as a str
for call in (lambda: int.from_bytes(b"\x01\x02", b"big"), lambda: int.from_bytes(b"\x01" * 9, "middle"),
             lambda: (5).to_bytes(2, 7), lambda: (2 ** 70).to_bytes(10, "sideways"),
             lambda: (2 ** 70).to_bytes(10, b"little")):
    try:
        print(call())
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
print(int.from_bytes(b"\x01\x02", "little"), int.from_bytes(b"\x01" * 9, byteorder="big"),
      (258).to_bytes(2, "little"), (2 ** 70).to_bytes(9, "big"))
