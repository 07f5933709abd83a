# closures created in loops share or capture cells as Python specifies
def make():
    out = []
    for i in range(3):
        def f(i=i):
            return i
        out.append(f)
    return [f() for f in out]
print(make())
def shared():
    fs = []
    x = 0
    for _ in range(3):
        x += 1
        fs.append(lambda: x)
    return [f() for f in fs]
print(shared())
def counter_pair():
    n = 0
    def inc():
        nonlocal n
        n += 1
        return n
    def get():
        return n
    return inc, get
inc, get = counter_pair()
inc(); inc()
print(get())
def deep():
    a = 1
    def l1():
        b = 2
        def l2():
            c = 3
            def l3():
                return a + b + c
            return l3
        return l2
    return l1()()()
print(deep())
