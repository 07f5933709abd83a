# what special methods must return, and how results are coerced
class R:
    def __repr__(self):
        return 5
class Bo:
    def __bool__(self):
        return 1
class C:
    def __contains__(self, x):
        return [x]
class L:
    def __len__(self):
        return True
class S:
    def __str__(self):
        return ["x"]
print("x" in C(), 0 in C(), len(L()), bool(L()))
for make in (lambda: repr(R()), lambda: bool(Bo()), lambda: str(S()), lambda: "%s" % S()):
    try:
        print(make())
    except TypeError as e:
        print("TypeError", e)
class I:
    def __index__(self):
        return 2
print([10, 20, 30][I()], "abcd"[I():], bin(I()), range(5)[I()])
