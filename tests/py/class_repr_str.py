# __repr__ and __str__ and their use by print, str, repr, format and containers
class A:
    def __repr__(self):
        return "A()"
class B:
    def __str__(self):
        return "B-str"
    def __repr__(self):
        return "B-repr"
class C:
    def __str__(self):
        return "only str"
a, b = A(), B()
print(a, str(a), repr(a), [a], b, str(b), repr(b), [b], (b,), {"k": b})
print("%s %r" % (b, b), "{} {!r}".format(b, b), f"{b} {b!r}")
print(C(), str(C()))
print(repr(C()).startswith("<__main__.C object at "))
