# nested unpacking in assignments and for loops
data = [("a", (1, 2)), ("b", (3, 4))]
for name, (x, y) in data:
    print(name, x + y)
(a, b), (c, d) = "xy", [5, 6]
print(a, b, c, d)
[[e, f], g] = [[1, 2], 3]
print(e, f, g)
for i, (k, v) in enumerate({"p": 1, "q": 2}.items()):
    print(i, k, v)
h, (i2, *j) = 1, (2, 3, 4)
print(h, i2, j)
x = y = z = [0]
x.append(1)
print(y, z is x)
p, q = q, p = 1, 2
print(p, q)
