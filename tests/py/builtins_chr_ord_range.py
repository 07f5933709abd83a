# building strings from code points
alpha = "".join(chr(c) for c in range(ord("a"), ord("z") + 1))
print(alpha, len(alpha), alpha.upper())
rot13 = "".join(chr((ord(c) - 97 + 13) % 26 + 97) if c.islower() else c for c in "hello, world")
print(rot13)
print([hex(ord(c)) for c in "aé€"], "".join(map(chr, [72, 105])))
