# __bool__ and __len__ decide truthiness
class T:
    def __bool__(self):
        return True
class F:
    def __bool__(self):
        return False
class L:
    def __init__(self, n):
        self.n = n
    def __len__(self):
        return self.n
print(bool(T()), bool(F()), bool(L(0)), bool(L(3)), len(L(3)), not F(), F() or "alt", T() and "yes")
if L(0):
    print("wrong")
else:
    print("L(0) is false")
print(bool(object()), [x for x in (T(), F(), L(1), L(0)) if x].__len__())
try:
    len(L(-1))
except ValueError as e:
    print("ValueError", e)
