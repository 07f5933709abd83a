# tuple packing and unpacking
a, b = 1, 2
print(a, b)
a, b = b, a
print(a, b)
(x, y), z = (1, 2), 3
print(x, y, z)
for i, (p, q) in enumerate([(1, 2), (3, 4)]):
    print(i, p, q)
def pair():
    return "l", "r"
l, r = pair()
print(l, r)
[m, n] = [5, 6]
print(m, n)
s1, s2, s3 = "abc"
print(s1, s2, s3)
try:
    a, b = (1, 2, 3)
except ValueError as e:
    print("ValueError", e)
try:
    a, b, c = (1, 2)
except ValueError as e:
    print("ValueError", e)
