# unpacking into subscripts and attributes
class O:
    pass
o = O()
lst = [0, 0, 0]
d = {}
o.a, lst[1], d["k"] = "attr", "item", "key"
print(o.a, lst, d)
lst[0], lst[2] = lst[2], lst[0]
print(lst)
i = 0
i, lst[i] = 1, "where"
print(i, lst)
for o.b in range(3):
    pass
print(o.b)
for d["loop"] in "xy":
    pass
print(d)
