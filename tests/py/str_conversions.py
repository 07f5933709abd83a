# str(), repr() and conversions between str and numbers
print(str(), str(0), str(-12), str(1.25), str(1e100), str([1, 2.5, "a"]), str((1,)), str({"a": 1}))
print(repr(1), repr("x"), repr([1, "x"]), repr((1, "x")), repr({"k": [1]}), repr(b"b"))
print(int(str(123)) + 1, float(str(2.5)) * 2, str(2 ** 40), int("-" + "9" * 15))
print(hex(255), oct(8), bin(5), hex(-255), bin(-5), oct(0))
print(chr(ord("a") + 1), ord("\n"), [ord(c) for c in "AZaz09"])
print(str(b"abc"), str(b"abc", "utf-8"), str(bytearray(b"x")))
print(repr(str), repr(int), repr(None), repr(...), repr(NotImplemented))
