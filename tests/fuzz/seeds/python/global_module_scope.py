# module-level names, __name__, and globals()
print(__name__)
v = 5
g = globals()
print(g["v"], "v" in g, g["__name__"])
g["w"] = 7
print(w)
def f():
    return globals() is g
print(f())
def loc(a, b=2):
    c = 3
    return sorted(locals().items())
print(loc(1))
