# __eq__ and __hash__
class Key:
    def __init__(self, k):
        self.k = k
    def __eq__(self, other):
        return isinstance(other, Key) and self.k == other.k
    def __hash__(self):
        return hash(self.k)
    def __repr__(self):
        return "Key(%r)" % self.k
d = {Key(1): "one"}
print(d[Key(1)], Key(1) == Key(1), Key(1) != Key(2), Key(1) == 1)
s = {Key(1), Key(1), Key(2)}
print(len(s), Key(2) in s)
class NoHash:
    def __eq__(self, other):
        return True
try:
    hash(NoHash())
except TypeError as e:
    print("TypeError", e)
class Plain:
    pass
p = Plain()
print(p == p, p == Plain(), p != Plain(), hash(p) == hash(p))
class EqCount:
    def __eq__(self, other):
        print("eq called")
        return NotImplemented
print(EqCount() == 5)
print([Key(3)].index(Key(3)), Key(3) in [Key(1), Key(3)], [Key(5)].count(Key(5)))
