# collections.OrderedDict: a dict in insertion order, move_to_end and popitem(last)
from collections import OrderedDict
o = OrderedDict()
o["b"] = 2; o["a"] = 1; o["c"] = 3
print(o, list(o), list(o.keys()), list(o.values()), o["a"], len(o), "b" in o, isinstance(o, dict))
o.move_to_end("b"); print(o)
o.move_to_end("c", last=False); print(o)
o.move_to_end("c", False); print(list(o))
print(o.popitem(), o, o.popitem(last=False), o)
o = OrderedDict([("x", 1), ("y", 2)])
o["x"] = 10; print(o, dict(o), o.get("y"), o.pop("y"), o)
print(OrderedDict(), OrderedDict(a=1), list(OrderedDict({"k": "v"}).items()))
lru = OrderedDict()
for key in "abcabdae":
    if key in lru:
        lru.move_to_end(key)
    lru[key] = True
    if len(lru) > 3:
        lru.popitem(last=False)
print(list(lru))
