# list slicing, slice assignment and slice deletion
a = list(range(10))
print(a[2:5], a[::-1], a[::3], a[-2:], a[:-8], a[7:2:-2])
b = a[:]
b[2:5] = ["x"]; print(b)
b[1:1] = [100, 200]; print(b)
b[:] = [1, 2, 3]; print(b)
b[len(b):] = [4, 5]; print(b)
c = list(range(10))
c[::2] = "abcde"; print(c)
del c[::3]; print(c)
del c[1:3]; print(c)
del c[0]; print(c)
del c[-1]; print(c)
try:
    c[::2] = [1, 2, 3]
except ValueError as e:
    print("ValueError", e)
d = [0, 1, 2]
d[-1] = 9; print(d, d[-3])
try:
    d[3] = 1
except IndexError as e:
    print("IndexError", e)
