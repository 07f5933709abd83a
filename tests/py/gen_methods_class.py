# generator methods in classes and __iter__ as a generator
class Tree:
    def __init__(self, v, *kids):
        self.v = v
        self.kids = kids
    def walk(self, depth=0):
        yield depth, self.v
        for k in self.kids:
            yield from k.walk(depth + 1)
    def __iter__(self):
        for _, v in self.walk():
            yield v
t = Tree("root", Tree("a", Tree("a1"), Tree("a2")), Tree("b"))
for d, v in t.walk():
    print("  " * d + v)
print(list(t), len(list(t)), "a2" in t)
