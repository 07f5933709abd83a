# large strings: repetition, join, slicing, search and split at scale
s = "abc" * 30000
print(len(s), s[:6], s[-3:], s.count("ca"), s.find("cab", 50000), s.rfind("abc"))
parts = s.split("c")
print(len(parts), parts[0], parts[-1] == "")
j = "-".join(str(i) for i in range(10000))
print(len(j), j[:20], j[-10:], j.count("-"))
u = ("é" + "x") * 5000
print(len(u), u[9999], u[-2:], u.find("xé", 100), len(u.encode()))
print(s.replace("b", "") == "ac" * 30000, s.upper()[:6], (s * 2)[89995:90005])
