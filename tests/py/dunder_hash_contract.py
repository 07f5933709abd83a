# objects used as dict keys and set members through __hash__/__eq__
class Pt:
    def __init__(self, x, y):
        self.x, self.y = x, y
    def __eq__(self, o):
        return (self.x, self.y) == (o.x, o.y)
    def __hash__(self):
        return hash((self.x, self.y))
    def __repr__(self):
        return "Pt(%d,%d)" % (self.x, self.y)
pts = [Pt(1, 2), Pt(1, 2), Pt(2, 1)]
print(len(set(pts)), sorted(set(pts), key=lambda p: (p.x, p.y)))
visits = {}
for p in pts:
    visits[p] = visits.get(p, 0) + 1
print(visits)
print(Pt(2, 1) in visits, {Pt(0, 0): "origin"}[Pt(0, 0)])
class BadHash:
    def __hash__(self):
        return "not an int"
try:
    hash(BadHash())
except TypeError as e:
    print("TypeError", e)
