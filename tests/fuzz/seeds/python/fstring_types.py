# f-string conversion of many types
class C:
    def __str__(self):
        return "C-str"
    def __repr__(self):
        return "C-repr"
    def __format__(self, spec):
        return "C-format(" + spec + ")"
c = C()
print(f"{c}", f"{c!s}", f"{c!r}", f"{c:xyz}", f"{[c]}")
print(f"{None} {True} {1.0} {2 ** 40} {-0.0} {b'x'} {(1,)} {set()} {frozenset()}")
print(f"{3.0:g} {1e16} {float('nan')} {float('-inf'):>6}")
