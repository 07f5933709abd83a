# exec() and eval() take dicts for their namespaces: other types are TypeErrors
g = {}
exec("x = 1", g)
l = {}
exec("y = x + 1", g, l)
print(g["x"], l, eval("x + y", g, l), eval("x", g, None))
for args in [("x = 1", {}, 5), ("x = 1", 5), ("x = 1", [])]:
    try:
        exec(*args)
    except TypeError as e:
        print("exec", e)
for args in [("1", []), ("1", {}, 3)]:
    try:
        eval(*args)
    except TypeError as e:
        print("eval", e)
