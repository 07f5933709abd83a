# starred assignment targets and unpacking in displays
first, *rest = [1, 2, 3, 4]
print(first, rest)
*init, last = "abcd"
print(init, last)
a, *mid, z = range(5)
print(a, mid, z)
a, *mid, z = [1, 2]
print(a, mid, z)
print([*range(3), *"ab"], (*[1, 2], 3), {*[1, 1, 2]} == {1, 2})
d1 = {"a": 1}
d2 = {"b": 2, "a": 0}
print({**d1, **d2}, {**d2, "c": 3})
print(*[1, 2, 3], sep="-")
def f(a, b, c):
    return a + b + c
print(f(*[1, 2, 3]), f(1, *(2, 3)), f(**{"a": 1, "b": 2, "c": 3}))
[x, [y, *ys]] = [1, [2, 3, 4]]
print(x, y, ys)
try:
    a, *b, c = [1]
except ValueError as e:
    print("ValueError", e)
