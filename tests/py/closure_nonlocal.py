# nonlocal rebinds a variable of an enclosing function
def counter():
    n = 0
    def inc(by=1):
        nonlocal n
        n += by
        return n
    return inc
c = counter()
print(c(), c(), c(10))
d = counter()
print(d(), c())
def outer():
    x = 1
    def mid():
        def inner():
            nonlocal x
            x = x * 10
        inner()
        inner()
    mid()
    return x
print(outer())
def shadow():
    x = "outer"
    def inner():
        x = "inner"
        return x
    inner()
    return x
print(shadow())
def pair():
    val = []
    def get():
        return val
    def put(v):
        nonlocal val
        val = val + [v]
    return get, put
g, p = pair()
p(1); p(2)
print(g())
