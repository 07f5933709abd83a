# sum() uses __radd__ with the start value 0
class Money:
    def __init__(self, c):
        self.c = c
    def __add__(self, o):
        return Money(self.c + (o.c if isinstance(o, Money) else o))
    def __radd__(self, o):
        return self.__add__(o)
    def __repr__(self):
        return "Money(%d)" % self.c
print(sum([Money(1), Money(2), Money(3)]), sum([Money(5)], Money(10)), 1 + Money(1), Money(1) + 1)
