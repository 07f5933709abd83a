# a property redefined in a subclass replaces the whole property; super() reaches the parent's
class Base:
    def __init__(self):
        self._v = 1
    @property
    def v(self):
        return self._v
    @v.setter
    def v(self, x):
        self._v = x
class ReadOnly(Base):
    @property
    def v(self):
        return "ro:%d" % self._v
class Extended(Base):
    @Base.v.setter
    def v(self, x):
        Base.v.fset(self, x * 10)
r = ReadOnly()
print(r.v)
try:
    r.v = 5
except AttributeError:
    print("AttributeError: no setter in the subclass")
e = Extended()
e.v = 2
print(e.v, Base.v.fget(e), isinstance(Extended.v, property))
class UsesSuper(Base):
    @property
    def v(self):
        return "wrapped(%r)" % super().v
print(UsesSuper().v)
