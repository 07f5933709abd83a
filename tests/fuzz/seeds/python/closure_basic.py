# closures capture variables, not values
def make_adder(n):
    def add(x):
        return x + n
    return add
a5 = make_adder(5)
a10 = make_adder(10)
print(a5(1), a10(1), make_adder(0)(0))
def late():
    fns = []
    for i in range(3):
        fns.append(lambda: i)
    return [f() for f in fns]
print(late())
def early():
    return [(lambda i=i: i)() for i in range(3)]
print(early())
def outer():
    x = "before"
    def show():
        return x
    x = "after"
    return show()
print(outer())
def nested():
    a = 1
    def mid():
        b = 2
        def inner():
            return a + b
        return inner
    return mid()()
print(nested())
