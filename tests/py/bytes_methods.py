# bytes methods
b = b"Hello, World"
print(b.upper(), b.lower(), b.find(b"o"), b.rfind(b"o"), b.index(b"W"), b.count(b"l"))
print(b.replace(b"l", b"L"), b.split(b", "), b"a b  c".split(), b"a,b".split(b","), b"-".join([b"x", b"y"]))
print(b.startswith(b"He"), b.endswith(b"ld"), b"  x  ".strip(), b"xxaxx".strip(b"x"), b"ab".center(6, b"*"))
print(b.decode(), b.decode("utf-8"), b"caf\xc3\xa9".decode())
print(b"abc".hex(), bytes.fromhex("414243"), bytes.fromhex("de ad be ef"), b"\x00\xff".hex())
print(b"123".isdigit(), b"abc".isalpha(), b"a1".isalnum(), b" ".isspace(), b"k=v".partition(b"="))
print(b"line1\nline2".splitlines(), b"ab".ljust(4, b".") + b"|", b"12".zfill(4), b"aBc".swapcase())
try:
    b"\xff\xfe".decode()
except UnicodeDecodeError as e:
    print("UnicodeDecodeError", isinstance(e, ValueError))
