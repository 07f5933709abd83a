# extend, +=, list() and insert with all kinds of iterables
a = []
a.extend("ab")
a.extend((1, 2))
a.extend({"k": 0})
a.extend(range(2))
a.extend(x * 10 for x in range(2))
a += {5: 0}.values()
print(a)
b = [1]
b += "xy"
print(b)
try:
    b = b + "z"
except TypeError as e:
    print("TypeError", e)
c = [0, 1]
c.extend(c)
print(c)
c[1:1] = range(3)
print(c, list(map(str, c)))
