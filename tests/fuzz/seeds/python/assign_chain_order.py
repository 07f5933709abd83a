# chained assignment assigns left to right, after evaluating the value once
def val():
    print("value evaluated")
    return 1
x = [0, 0]
i = 0
i = x[i] = val()
print(i, x)
a = b = c = []
a.append(1)
print(a, b, c, a is c)
d = {}
k = d["k"] = "key"
print(k, d)
p, q = r = 1, 2
print(p, q, r)
class O:
    pass
o = O()
o.a = o.b = o
print(o.a is o, o.b.a is o)
n = [0, 1, 2]
j = 0
j, n[j] = 2, "set"
print(j, n)
