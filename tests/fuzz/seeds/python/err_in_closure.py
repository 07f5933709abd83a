# uncaught exception in a closure called later
def make_divider(d):
    def divide(x):
        return x / d
    return divide
half = make_divider(2)
print(half(9))
broken = make_divider(0)
broken(1)
