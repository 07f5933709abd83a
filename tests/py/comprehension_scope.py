# comprehension scopes: own iteration variable, closures over the class/function scope
def f():
    k = 10
    return [k + i for i in range(3)]
print(f())
funcs = [lambda: i for i in range(3)]
print([g() for g in funcs])
funcs2 = [lambda i=i: i for i in range(3)]
print([g() for g in funcs2])
n = 2
print([[n * j for j in range(i)] for i in range(3)])
class C:
    items = [1, 2, 3]
    doubled = [x * 2 for x in items]
print(C.doubled)
def gen_scope():
    total = [0]
    [total.append(total[-1] + x) for x in range(4)]
    return total
print(gen_scope())
