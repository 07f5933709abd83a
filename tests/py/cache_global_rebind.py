# a global read in a loop sees every rebinding, including of builtins
def f():
    return factor * 2
factor = 1
out = []
for i in range(6):
    out.append(f())
    factor += 1
print(out)
def use_len(x):
    return len(x)
res = [use_len("abc")]
len = lambda x: -1
res.append(use_len("abc"))
del len
res.append(use_len("abc"))
print(res)
def g():
    return helper()
def helper():
    return "first"
print(g())
def helper():
    return "second"
print(g())
globals()["helper"] = lambda: "third"
print(g())
