# find/index/count with start and end, negative indices and empty strings
s = "abracadabra"
print(s.find("abra"), s.find("abra", 1), s.rfind("abra"), s.find("abra", -4), s.find("a", 3, 4), s.find("a", 4, 4))
print(s.count("a"), s.count("a", 5), s.count("abra", 0, 4), s.count("", 0, 3), s.index("c"), s.rindex("a", 0, -1))
print(s.find(""), s.find("", 11), s.find("", 12), s.rfind(""), "".find(""), "".count("a"))
print(s.startswith("cad", 4), s.endswith("cad", 0, 7), s.startswith(("z", "abr")), s[s.find("d"):])
print(s.replace("a", "A", 2), s.split("a"), s.partition("cad"), s.rpartition("a"))
