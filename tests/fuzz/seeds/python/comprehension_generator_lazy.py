# generator expressions are lazy; the first iterable is evaluated at once
def src():
    print("src called")
    return [1, 2, 3]
g = (x * 2 for x in src())
print("created")
print(next(g))
def noisy(x):
    print("map", x)
    return x
h = (noisy(x) for x in range(3))
print("before")
print(list(h))
try:
    (x for x in 5)
except TypeError as e:
    print("TypeError at creation", e)
