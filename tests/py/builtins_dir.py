# dir() on modules, classes and instances
class C:
    cls_attr = 1
    def method(self):
        pass
c = C()
c.inst = 2
names = dir(c)
print("cls_attr" in names, "method" in names, "inst" in names, names == sorted(names))
print("inst" in dir(C), "append" in dir([]), "upper" in dir(""), "keys" in dir({}))
def f():
    a = 1
    b = 2
    return dir()
print(f())
x_module_level = 1
print("x_module_level" in dir(), "C" in dir())
