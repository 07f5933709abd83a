# subclassing built-in types
class MyList(list):
    def total(self):
        return sum(self)
m = MyList([1, 2, 3])
m.append(4)
print(m, m.total(), len(m), isinstance(m, list), type(m).__name__)
class MyDict(dict):
    def __missing__(self, key):
        return key * 2
d = MyDict(a=1)
print(d["a"], d["zz"], "zz" in d)
class MyStr(str):
    def shout(self):
        return self.upper() + "!"
s = MyStr("hi")
print(s.shout(), s + "x", len(s), isinstance(s, str))
class MyInt(int):
    def double(self):
        return self * 2
print(MyInt(21).double(), MyInt(3) + 4, type(MyInt(3) + 4).__name__)
class MyErr(Exception):
    pass
print(issubclass(MyErr, Exception), MyErr("m").args)
