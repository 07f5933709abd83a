# class bodies: scope rules, nested classes, class attributes referencing others
x = "global"
class Outer:
    x = "class"
    y = x + "!"
    class Inner:
        z = x
    def method(self):
        return x
    items = [1, 2]
    total = sum(items)
print(Outer.y, Outer.Inner.z, Outer().method(), Outer.total, Outer.Inner.__name__)
def factory(n):
    class Local:
        size = n
        def get(self):
            return self.size * n
    return Local
L3 = factory(3)
print(L3().get(), L3.size, factory(4)().get())
class Counter:
    count = 0
    def __init__(self):
        Counter.count += 1
        self.id = Counter.count
objs = [Counter() for _ in range(3)]
print([o.id for o in objs], Counter.count)
