# rich comparisons __lt__ __le__ __gt__ __ge__ and reflection
class V:
    def __init__(self, n):
        self.n = n
    def __lt__(self, o):
        return self.n < o.n
    def __le__(self, o):
        return self.n <= o.n
    def __eq__(self, o):
        return self.n == o.n
    def __repr__(self):
        return "V%d" % self.n
a, b = V(1), V(2)
print(a < b, a > b, a <= b, a >= b, b > a, a == V(1))
print(sorted([V(3), V(1), V(2)]), max([V(3), V(5)]), min(V(4), V(2)))
class OnlyLt:
    def __init__(self, n):
        self.n = n
    def __lt__(self, o):
        return self.n < o.n
print(OnlyLt(1) < OnlyLt(2), OnlyLt(3) > OnlyLt(2))
try:
    OnlyLt(1) <= OnlyLt(2)
except TypeError as e:
    print("TypeError", e)
try:
    V(1) < 3
except AttributeError as e:
    print("AttributeError", e)
