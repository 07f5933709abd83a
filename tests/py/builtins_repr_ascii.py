# repr and ascii
print(repr(5), repr(-2.5), repr("s"), repr("it's"), repr('say "hi"'), repr("both ' and \""))
print(repr([1, "two", (3,)]), repr({"a": [None]}), repr(set()), repr({1}), repr(()), repr((1,)))
print(ascii("plain"), ascii("é"), ascii("日本"), ascii(["ü"]), ascii("\n"), ascii("\U0001F600"))
print(repr(b"\x00\xff"), repr(bytearray(b"a")), repr(range(3)), repr(1e-5), repr(float("inf")))
print(repr("\x00\x1f\x7f"), repr("\t\\"))
