# order of evaluation of call arguments and operands
def v(x):
    print("eval", x)
    return x
def f(*a, **k):
    return a, sorted(k.items())
print(f(v(1), v(2), k=v(3), j=v(4)))
print(v(1) + v(2) * v(3))
d = {v("k1"): v("v1"), v("k2"): v("v2")}
print(d)
lst = [v(1), v(2)]
lst[v(0)] = v("new")
print(lst)
x = v(10) if v(True) else v(20)
print(x)
