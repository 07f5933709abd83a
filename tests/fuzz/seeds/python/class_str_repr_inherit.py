# __str__ falls back to __repr__, inherited special methods
class Base:
    def __repr__(self):
        return "<%s>" % type(self).__name__
class Child(Base):
    pass
class Strict(Base):
    def __str__(self):
        return "strict"
print(Base(), Child(), Strict(), [Child(), Strict()], str(Child()), "%s" % Strict())
