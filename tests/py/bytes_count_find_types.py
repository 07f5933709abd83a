# bytes.count and bytes.find take an int (one byte) or bytes-like: anything else is a
# TypeError (a str was read as bytes)
for b in (b"abcab", bytearray(b"abcab")):
    for sub in ("ab", 1.5, None, [97]):
        for name in ("count", "find"):
            try:
                getattr(b, name)(sub)
                print(name, "no error")
            except TypeError:
                print(name, "TypeError")
    print(b.count(b"ab"), b.count(97), b.count(bytearray(b"b")), b.find(b"ca"), b.find(99), b.find(b"zz"))
