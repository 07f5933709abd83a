# sets built from data and compared
a = {x for x in range(20) if x % 2 == 0}
b = {x for x in range(20) if x % 3 == 0}
print(sorted(a & b), sorted(b - a), len(a | b), sorted(a ^ b)[:5])
print(a >= {0, 2}, {0, 6} <= a & b, (a & b).issubset(a), a.isdisjoint({1, 3}))
letters = set("the quick brown fox jumps over the lazy dog") - {" "}
print(len(letters), sorted(letters)[:5], "".join(sorted(set("mississippi"))))
