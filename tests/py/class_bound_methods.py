# bound and unbound methods
class C:
    def __init__(self, v):
        self.v = v
    def get(self):
        return self.v
c = C(5)
m = c.get
print(m(), C.get(c), m.__self__ is c, m.__func__ is C.get, m == c.get, m.__name__)
c.v = 6
print(m())
getters = [C(i).get for i in range(3)]
print([g() for g in getters])
c.get = lambda: "instance attr wins"
print(c.get(), C.get(c))
class D:
    def method(self):
        return type(self).__name__
print(list(map(D.method, [D(), D()])))
