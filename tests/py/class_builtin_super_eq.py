# a subclass of a builtin reaching the builtin's __eq__ and __hash__ (str.__eq__(a, b),
# super().__hash__()) compares and hashes values, not identities
class Folded(str):
    def __new__(cls, s):
        return super().__new__(cls, s)
    def __eq__(self, o):
        return str.__eq__(self.lower(), o.lower())
    def __hash__(self):
        return hash(self.lower())
print(Folded("AbC") == "abc", Folded("AbC") != "abd", Folded("x") in {Folded("X"): 1})
print(str.__eq__("ab", "a" + "b"), str.__eq__("ab", 3), (1.5).__eq__(1.5), (7).__eq__(7))
class Pair(tuple):
    def __new__(cls, a, b):
        return tuple.__new__(cls, (a, b))
    def __eq__(self, o):
        return super().__eq__(o) and type(o) is Pair
    def __hash__(self):
        return super().__hash__() ^ 1
p = Pair(1, 2)
print(p == Pair(1, 2), p == (1, 2), hash(p) == hash((1, 2)) ^ 1, len({p, Pair(1, 2)}))
print("ab".__hash__() == hash("ab"), (3.25).__hash__() == hash(3.25), (5, 6).__hash__() == hash((5, 6)))
class Box:
    pass
b = Box()
print(b.__hash__() == hash(b), b.__eq__(b), b.__eq__(Box()), object().__eq__(3))
