# properties are inherited and computed on each access
class Base:
    def __init__(self):
        self.calls = 0
    @property
    def value(self):
        self.calls += 1
        return self.calls * 10
class Child(Base):
    @property
    def doubled(self):
        return self.value * 2
c = Child()
print(c.value, c.value, c.doubled, c.calls)
def get_name(self):
    return "name:" + self._n
class Old:
    def __init__(self, n):
        self._n = n
    name = property(get_name)
print(Old("x").name)
