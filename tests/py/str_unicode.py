# non-ASCII text: length, indexing, escapes, encode/decode
s = "héllo wörld ☃"
print(s, len(s), s[1], s[-1], s[6:11])
print(ord("é"), chr(233), chr(0x2603), ord("☃"), "\u00e9" == "é", "\u2603")
b = s.encode()
print(b, len(b), b.decode() == s, "é".encode("utf-8"))
print(repr("é"), ascii("é☃"), "\x41\x42", "\101", "\U0001F600" == chr(128512), len("\U0001F600"))
print(s.find("w"), s.replace("ö", "o"), list("añb"), "añb"[::-1])
print(b"caf\xc3\xa9".decode("utf-8"), "abc".encode("ascii"))
