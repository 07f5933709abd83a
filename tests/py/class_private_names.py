# name mangling of __private attributes
class A:
    def __init__(self):
        self.__secret = 1
        self._protected = 2
    def get(self):
        return self.__secret
    def __hidden(self):
        return "hidden"
    def call_hidden(self):
        return self.__hidden()
class B(A):
    def __init__(self):
        super().__init__()
        self.__secret = 99
a = B()
print(a.get(), a._protected, a._A__secret, a._B__secret, a.call_hidden())
try:
    a.__secret
except AttributeError as e:
    print("AttributeError", e)
print(sorted(k for k in a.__dict__))
print(hasattr(A, "_A__hidden"), hasattr(A, "__hidden"))
