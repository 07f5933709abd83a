# __getattr__ is called only for missing attributes
class Proxy:
    def __init__(self, target):
        self.target = target
    def __getattr__(self, name):
        print("getattr", name)
        return getattr(self.target, name)
p = Proxy([3, 1, 2])
p.append(0)
print(p.target, p.count(1))
class Dflt:
    x = 1
    def __getattr__(self, name):
        if name.startswith("d_"):
            return name[2:]
        raise AttributeError(name)
d = Dflt()
print(d.x, d.d_hello, hasattr(d, "d_x"), hasattr(d, "other"), getattr(d, "other", "fallback"))
try:
    d.other
except AttributeError as e:
    print("AttributeError", e)
