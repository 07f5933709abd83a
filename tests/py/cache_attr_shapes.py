# attribute reads at one place in the code over objects of different classes and layouts
class P:
    def __init__(self):
        self.a = 1
        self.b = 2
class Q:
    def __init__(self):
        self.b = 20
        self.a = 10
class R:
    a = 100
    @property
    def b(self):
        return 200
class S:
    def __getattr__(self, name):
        return name * 2
objs = [P(), Q(), R(), S(), P(), R()]
print([(o.a, o.b) for o in objs])
p = P()
got = []
for i in range(4):
    got.append(p.b)
    if i == 0:
        p.__dict__["b"] = "via dict"
    if i == 1:
        del p.b
        P.b = "class attr"
print(got)
