# a property that raises AttributeError falls back to __getattr__; hasattr only hides AttributeError
class P:
    @property
    def missing(self):
        raise AttributeError("from property")
    @property
    def broken(self):
        raise ValueError("not an attribute problem")
    def __getattr__(self, name):
        return "fallback for " + name
p = P()
print(p.missing, p.other, getattr(p, "missing", "dflt"))
try:
    p.broken
except ValueError as e:
    print("ValueError", e)
try:
    hasattr(p, "broken")
except ValueError as e:
    print("hasattr lets ValueError through:", e)
class Q:
    @property
    def missing(self):
        raise AttributeError("only property")
q = Q()
print(hasattr(q, "missing"), getattr(q, "missing", "dflt"))
