# exec in a function with explicit dicts; eval of expressions using a namespace
def run(src):
    ns = {"limit": 3}
    exec(src, ns)
    return ns["result"]
print(run("result = [i for i in range(limit)]"))
print(run("def f(x):\n    return x * limit\nresult = f(5)"))
g = {"a": 2}
l = {"b": 3}
print(eval("a * b", g, l), eval("[a] * b", g, l))
exec("c = a + b", g, l)
print(l["c"], "c" in g)
print(eval("__name__", {"__name__": "fake"}))
