# keyword-only and positional-only parameters
def f(a, *, b, c=3):
    return a, b, c
print(f(1, b=2), f(1, c=0, b=2), f(a=1, b=1))
def g(*args, sep=",", end="."):
    return sep.join(args) + end
print(g("a", "b"), g("a", "b", sep="-"), g(end="!"))
def p(a, b, /, c):
    return a, b, c
print(p(1, 2, 3), p(1, 2, c=3))
try:
    f(1, 2)
except TypeError as e:
    print("TypeError", e)
try:
    f(1)
except TypeError as e:
    print("TypeError", e)
try:
    p(1, b=2, c=3)
except TypeError as e:
    print("TypeError", e)
