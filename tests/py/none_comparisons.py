# None in comparisons and containers
print(None == None, None != None, None is None, [None] == [None], None in [0, None], {None: 1}.get(None))
try:
    None < 1
except TypeError as e:
    print("TypeError", e)
items = [3, None, 1]
print(sorted(items, key=lambda x: (x is None, x if x is not None else 0)))
print(max([1, 2], default=None), min([], default=None), [x for x in [None, 0, ""] if x is not None])
