# subclassing list: new methods, inherited methods and operators
class MyList(list):
    def total(self):
        return sum(self)
m = MyList([1, 2, 3])
m.append(4)
m += [5]
print(m, m.total(), len(m), isinstance(m, list), type(m).__name__, m[1:3], 3 in m, sorted(m, reverse=True))
class Stack(list):
    def push(self, v):
        self.append(v)
        return self
print(Stack().push(1).push(2), Stack([3]) == [3], list(Stack("ab")))
