# __format__, __int__, __float__, __index__ hooks used by builtins
class Money:
    def __init__(self, c):
        self.c = c
    def __format__(self, spec):
        return "$" + format(self.c / 100, spec or ".2f")
    def __int__(self):
        return self.c // 100
    def __float__(self):
        return self.c / 100
    def __index__(self):
        return self.c
m = Money(1234)
print(format(m), format(m, ".1f"), f"{m:.0f}", "{:.3f}".format(m), int(m), float(m))
print(hex(Money(255)), bin(Money(5)), [0, 1, 2, 3][Money(1)], "abc"[Money(2)])
