# alternative constructors with classmethod, and cls in subclasses
class Date:
    def __init__(self, y, m, d):
        self.y, self.m, self.d = y, m, d
    @classmethod
    def parse(cls, s):
        return cls(*[int(p) for p in s.split("-")])
    def __repr__(self):
        return "%s(%04d-%02d-%02d)" % (type(self).__name__, self.y, self.m, self.d)
class Holiday(Date):
    pass
print(Date.parse("2024-1-5"), Holiday.parse("2023-12-25"), Date(1, 2, 3).parse("9-9-9"))
