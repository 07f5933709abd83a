# collections.defaultdict: a missing key gets default_factory()'s value, kept in the dict
from collections import defaultdict
import gc
groups = defaultdict(list)
for word in "apple avocado banana blueberry cherry apricot".split():
    groups[word[0]].append(word)
print(groups, len(groups), groups["a"], isinstance(groups, dict), isinstance(groups, defaultdict))
counts = defaultdict(int)
for ch in "mississippi":
    counts[ch] += 1
print(sorted(counts.items()), counts.default_factory, counts["z"], "z" in counts, counts.get("q"), len(counts))
print("y" in counts, counts.get("y", "none"), counts.setdefault("w", 7), counts["w"])
nested = defaultdict(lambda: defaultdict(set))
nested["x"]["y"].add(1); nested["x"]["y"].add(2); nested["x"]["z"]
print(sorted(nested["x"].items()), len(nested))
plain = defaultdict()
print(plain, plain.default_factory)
try:
    plain["k"]
except KeyError as exc:
    print("KeyError", exc)
built = defaultdict(str, [("a", "1")], b="2")
print(built, built["c"], dict(built), list(built.keys()))
copied = built.copy()
copied["d"] += "x"
print(type(copied).__name__, copied, built, copied.default_factory is str)
built.default_factory = None
try:
    built["missing"]
except KeyError as exc:
    print("KeyError", exc)
built.default_factory = lambda: "late"
print(built["e"], dict(built))
try:
    defaultdict(5)
except TypeError as exc:
    print("TypeError", exc)
class Tree(defaultdict):
    def __init__(self):
        super().__init__(Tree)
t = Tree()
t["a"]["b"]["c"] = 1
print(type(t["a"]).__name__, t["a"]["b"]["c"], len(t), "b" in t["a"])
big = defaultdict(list)
for i in range(300):
    big[i % 17].append(str(i))
gc.collect()
big.default_factory = tuple
print(len(big), big[3][:3], big[99], big.default_factory, sum(len(v) for v in big.values()))
print(defaultdict(list, {1: [2]}) == {1: [2]}, repr(defaultdict(int)))
