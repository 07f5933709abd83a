# the benchmark's method calls on a small class
class Counter:
    def __init__(self):
        self.n = 0
    def add(self, k):
        self.n += k
        return self
c = Counter()
for i in range(100000):
    c.add(i)
print(c.n, c.add(1).add(2).n)
