# exec and eval with default and explicit namespaces
print(eval("1 + 2 * 3"), eval("[x * 2 for x in range(3)]"), eval("'a' * 3"), eval("  len('abc')  "))
x = 10
print(eval("x + 1"), eval("x * y", {"x": 2, "y": 3}), eval("x", {}, {"x": "local"}))
ns = {}
exec("a = 5\nb = a * 2\ndef f(n):\n    return n + b\n", ns)
print(ns["a"], ns["b"], ns["f"](1))
exec("z_new = 99")
print(z_new)
code = """
total = 0
for i in range(5):
    total += i
"""
g = {}
exec(code, g)
print(g["total"], exec("pass"))
try:
    eval("1 +")
except SyntaxError:
    print("SyntaxError")
try:
    eval("undefined_thing_q")
except NameError as e:
    print("NameError", e)
