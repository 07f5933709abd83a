# functions defined inside functions, redefinition and conditional definition
def outer(flag):
    if flag:
        def helper():
            return "A"
    else:
        def helper():
            return "B"
    return helper()
print(outer(True), outer(False))
def f():
    return 1
g = f
def f():
    return 2
print(f(), g())
def make_ops():
    def add(a, b):
        return a + b
    def mul(a, b):
        return a * b
    return {"add": add, "mul": mul}
ops = make_ops()
print(ops["add"](2, 3), ops["mul"](2, 3), ops["add"].__name__)
def recursive_inner(n):
    def go(k):
        return 1 if k == 0 else k * go(k - 1)
    return go(n)
print(recursive_inner(6))
