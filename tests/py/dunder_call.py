# __call__ makes instances callable
class Multiplier:
    def __init__(self, k):
        self.k = k
    def __call__(self, x, y=1):
        return x * self.k * y
m = Multiplier(3)
print(m(2), m(2, y=5), callable(m), callable(Multiplier), list(map(m, [1, 2])))
class Counter:
    def __init__(self):
        self.n = 0
    def __call__(self):
        self.n += 1
        return self.n
c = Counter()
c(); c()
print(c(), c.n)
try:
    Multiplier(1).k()
except TypeError as e:
    print("TypeError", e)
