# subclassing str: added methods; inherited operations return plain str
class MyStr(str):
    def shout(self):
        return self.upper() + "!"
s = MyStr("hi")
print(s.shout(), s + "x", len(s), isinstance(s, str), type(s + "x").__name__, s == "hi", {s: 1}["hi"])
