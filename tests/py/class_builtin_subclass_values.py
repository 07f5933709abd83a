# a subclass of an immutable builtin gets a value of its own: the constants and shared
# objects its constructor may return keep their own type
class MyStr(str):
    pass
print(repr(MyStr()), MyStr("a"))
class MyB(bytes): pass
print(MyB())
class MyI(int): pass
print(MyI())
class MyT(tuple): pass
print(MyT())
class MyF(float): pass
print(MyF())
class S(str): pass
x = S("a")
print(type("a"), type(x))
class T(tuple): pass
y = T(())
print(type(()), type(y))
class B(bytes): pass
z=B(b"")
print(type(b""), type(z))
class F(float): pass
f = F(1.5)
print(type(1.5), type(f))
class FS(frozenset): pass
print(type(FS()), type(frozenset()))
class O:
    def __str__(self):
        return "hello"
s = S(O())
print(type(s).__name__, type("hello").__name__, s == "hello", "hello".upper())
class S(str):
    def __eq__(self, o): return True
    __hash__ = str.__hash__
print(S("a") == "b", "b" == S("a"), S("a") != "a")
class T(tuple): pass
class B(bytes): pass
class F(float): pass
print(T((1, 2)) == (1, 2), (1, 2) == T((1, 2)), B(b"x") == b"x", F(1.5) == 1.5, 1.5 == F(1.5), T((1,)) < (2,))
print(sorted([S("b"), "a"]) if False else sorted([B(b"b"), b"a"]), F(2.5) + 1, T((1,)) + (2,))
