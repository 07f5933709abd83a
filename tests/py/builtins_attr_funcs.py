# hasattr, getattr, setattr, delattr, callable
class O:
    a = 1
    def m(self):
        return "m"
o = O()
print(hasattr(o, "a"), hasattr(o, "b"), hasattr(o, "m"), hasattr(5, "real"), hasattr("s", "upper"))
print(getattr(o, "a"), getattr(o, "b", None), getattr(o, "m")(), getattr("abc", "upper")(), getattr(O, "a"))
setattr(o, "b", 2)
setattr(O, "c", 3)
print(o.b, o.c, O.c)
delattr(o, "b")
print(hasattr(o, "b"))
try:
    getattr(o, "zzz")
except AttributeError as e:
    print("AttributeError", e)
try:
    delattr(o, "zzz")
except AttributeError as e:
    print("AttributeError", e)
print(callable(o), callable(O), callable(o.m), callable(print), callable(None), callable("s"), callable(lambda: 0))
