# strings with 1- to 4-byte characters: every index, slice, search and width counts characters
s = "aé€😀b" * 3
print(len(s), [s[i] for i in range(len(s))] == list(s), [ord(c) for c in s[:5]])
print(s[::-1], s[1::2], s[-4:-1], s[2:9], s[::-3], s[100:], s[-100:2])
print(s.find("€"), s.find("😀", 4), s.rfind("é"), s.index("b"), s.rindex("a"), s.count("😀"), s.find("b€"))
print(s.split("😀"), s.partition("€"), s.rpartition("€"), s.replace("€", "E", 2))
print(s.startswith("aé"), s.endswith("😀b"), "€" in s, "€😀" in s, s[:5].encode(), s[3:4].encode())
print([i for i, c in enumerate(s) if c == "b"], "".join(reversed(s[:5])), sorted(s[:5]))
print("%5s|%-5s|" % ("é€", "😀"), f"{'é':>3}|{'😀':^5}|{'€€':<4}|", "é".center(5, "*"), "{:_^7}".format("€"))
print(s[:5] * 2 == s[:10], s[:5] + s[5:] == s, hash(s[:5]) == hash("aé€😀b"), s[:5] < s[1:6])
t = "ɑβγ"
print(t[0] + t[-1], len(t.encode()), t.encode().decode() == t, list(t.encode()))
