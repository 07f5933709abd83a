# encoding and decoding text
s = "añb€😀"
for enc in ["utf-8"]:
    b = s.encode(enc)
    print(enc, b, len(b), b.decode(enc) == s)
print("abc".encode(), "abc".encode("ascii"))
print(bytes("x", "utf-8"), str(b"\xc3\xa9", "utf-8"), len("😀".encode()), "😀".encode()[0])
try:
    "é".encode("ascii")
except UnicodeEncodeError as e:
    print("UnicodeEncodeError", isinstance(e, UnicodeError))
print(b"\xff".decode("utf-8", "ignore") == "", b"a\xffb".decode("utf-8", "replace"))
