# uncaught exception from a method several calls deep
class Parser:
    def parse(self, text):
        return [self.word(w) for w in text.split()]
    def word(self, w):
        return int(w)
p = Parser()
print(p.parse("1 2 3"))
print(p.parse("4 five 6"))
