# zip and enumerate with unequal lengths and consumed iterators
a = [1, 2, 3]
b = iter("xy")
print(list(zip(a, b)), list(b))
it = iter(range(5))
print(list(zip(it, it)))
print(list(enumerate(zip("ab", "cd"))), dict(enumerate("xyz")))
e = enumerate(iter([10, 20]))
print(list(e), list(e))
