# method and attribute lookups follow changes to classes made between calls
class A:
    def m(self):
        return "A.m"
class B(A):
    pass
b = B()
res = []
for step in range(5):
    res.append(b.m())
    if step == 0:
        A.m = lambda self: "A.m2"
    elif step == 1:
        B.m = lambda self: "B.m"
    elif step == 2:
        b.m = lambda: "instance"
    elif step == 3:
        del b.m
        del B.m
print(res)
class C:
    x = 1
c = C()
vals = []
for i in range(4):
    vals.append(c.x)
    if i == 1:
        c.x = 10
    if i == 2:
        del c.x
        C.x = 5
print(vals)
