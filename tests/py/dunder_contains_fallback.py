# membership falls back to __iter__, then to __getitem__
class WithIter:
    def __iter__(self):
        print("iterating")
        return iter([1, 2, 3])
class WithGetitem:
    def __getitem__(self, i):
        if i > 2:
            raise IndexError
        return i * 10
class WithContains:
    def __contains__(self, x):
        return x == "yes"
print(2 in WithIter(), 5 in WithIter())
print(10 in WithGetitem(), 15 in WithGetitem())
print("yes" in WithContains(), "no" in WithContains(), "no" not in WithContains())
class Neither:
    pass
try:
    1 in Neither()
except TypeError as e:
    print("TypeError", e)
