# what can be a dict key: hashing of numbers, tuples; unhashable keys
d = {}
d[1] = "a"
d[1.0] = "b"
d[True] = "c"
print(d, len(d))
d[(1, (2, 3))] = "t"
print(d[(1, (2, 3))])
print(hash(1) == hash(1.0), hash(0) == hash(False), hash(2 ** 40) == hash(2 ** 40))
print({frozenset([1, 2]): "fs"}[frozenset([2, 1])])
for bad in ([1], {"a": 1}, {1}):
    try:
        d[bad] = 1
    except TypeError as e:
        print("TypeError", e)
try:
    hash([])
except TypeError as e:
    print("TypeError", e)
big = {}
for i in range(1000):
    big["k" + str(i)] = i
print(len(big), big["k999"], sum(big.values()), list(big)[:3], list(big)[-2:])
for i in range(0, 1000, 2):
    del big["k" + str(i)]
print(len(big), list(big)[:3], big.get("k0"), big["k1"])
