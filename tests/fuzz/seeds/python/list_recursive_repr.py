# repr of a list that contains itself, and lists of mixed objects
a = [1, 2]
a.append(a)
print(a)
d = {}
d["self"] = d
print(d)
print([None, True, 1.5, "s", b"b", (1,), [], {}])
print(str([1, "a"]), repr(["q'uote"]))
