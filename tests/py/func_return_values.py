# return of tuples, None, early return and implicit None
def none1():
    return
def none2():
    x = 1
def many():
    return 1, "two", [3]
def cond(x):
    if x > 0:
        return "pos"
print(none1(), none2(), many(), cond(1), cond(-1))
a, b, c = many()
print(a, b, c)
def gen_or_not(x):
    return [i for i in range(x)] or None
print(gen_or_not(3), gen_or_not(0))
