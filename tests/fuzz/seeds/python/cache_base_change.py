# a subclass sees methods added to or removed from its bases after it was used
class Base:
    pass
class Mid(Base):
    pass
class Leaf(Mid):
    pass
o = Leaf()
print(hasattr(o, "hello"))
Base.hello = lambda self: "Base.hello"
print(o.hello())
Mid.hello = lambda self: "Mid.hello"
print(o.hello())
del Mid.hello
print(o.hello())
Base.__str__ = lambda self: "Leaf via Base.__str__"
print(str(o), o)
Base.__len__ = lambda self: 7
print(len(o), bool(o))
