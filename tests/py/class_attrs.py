# class vs instance attributes, mutable class attributes, getattr/setattr
class C:
    shared = []
    count = 0
    def __init__(self, name):
        self.name = name
        C.count += 1
    def add(self, v):
        self.shared.append(v)
a = C("a"); b = C("b")
a.add(1); b.add(2)
print(a.shared, b.shared, C.count, a.count)
setattr(a, "extra", 42)
print(getattr(a, "extra"), getattr(a, "missing", "dflt"), getattr(C, "count"))
delattr(a, "extra")
print(hasattr(a, "extra"))
try:
    a.missing
except AttributeError as e:
    print("AttributeError", e)
try:
    C.nothing
except AttributeError as e:
    print("AttributeError", e)
class Empty:
    pass
e = Empty()
e.v = 1
print(e.v, Empty.__name__)
del e.v
try:
    del e.v
except AttributeError as ex:
    print("AttributeError", ex)
