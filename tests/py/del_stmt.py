# del on names, list items, slices, dict keys and attributes
x = 1
del x
try:
    x
except NameError as e:
    print("NameError", e)
lst = [0, 1, 2, 3, 4, 5]
del lst[0]
del lst[-1]
del lst[1:3]
print(lst)
d = {"a": 1, "b": 2, "c": 3}
del d["b"]
print(d)
class O:
    pass
o = O()
o.a = 1
o.b = 2
del o.a
print(hasattr(o, "a"), o.b)
a, b, c = 1, 2, 3
del a, b
print(c, "a" in dir(), "c" in dir())
m = [[1, 2], [3, 4]]
del m[1][0]
print(m)
def f():
    y = 5
    del y
    try:
        return y
    except UnboundLocalError as e:
        return "UnboundLocalError"
print(f())
try:
    del d["zz"]
except KeyError as e:
    print("KeyError", e)
