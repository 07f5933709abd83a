# finally with break, continue and return inside loops and functions
def f():
    out = []
    for i in range(4):
        try:
            if i == 1:
                continue
            if i == 3:
                break
            out.append(i)
        finally:
            out.append("f%d" % i)
    return out
print(f())
def g():
    try:
        try:
            return "inner"
        finally:
            print("inner finally")
    finally:
        print("outer finally")
print(g())
def h(x):
    try:
        if x:
            raise ValueError(x)
        return "no error"
    except ValueError:
        return "handled"
    finally:
        print("finally for", x)
print(h(0), h(1))
