# negative indices, index assignment, and identity of copies
a = [10, 20, 30, 40]
print(a[-1], a[-4], a[len(a) - 1])
a[-2] = 33
print(a)
b = a
c = a[:]
d = list(a)
e = a.copy()
a.append(50)
print(b, c, d, e, b is a, c is a)
nested = [[0]] * 2
deep = [row[:] for row in nested]
nested[0].append(1)
print(nested, deep)
for i in range(-1, -len(a) - 1, -1):
    print(a[i], end=" ")
print()
try:
    a[-6]
except IndexError as ex:
    print("IndexError", ex)
