# user decorators applied to methods and together with property/staticmethod
def logged(fn):
    def wrapper(self, *a):
        print("->", fn.__name__)
        return fn(self, *a)
    return wrapper
class Acc:
    def __init__(self):
        self.total = 0
    @logged
    def add(self, n):
        self.total += n
        return self
    @property
    @logged
    def doubled(self):
        return self.total * 2
    @staticmethod
    def version():
        return "1.0"
a = Acc()
a.add(2).add(3)
print(a.total, a.doubled, Acc.version())
def class_deco(cls):
    cls.tag = "decorated"
    return cls
@class_deco
class T:
    pass
print(T.tag)
