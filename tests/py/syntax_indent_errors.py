# indentation errors are SyntaxErrors of their own kind
srcs = [
    "if True:\nprint(1)\n",
    "x = 1\n    y = 2\n",
    "if True:\n        a = 1\n    b = 2\n",
    "def f():\nreturn 1\n",
]
for s in srcs:
    try:
        exec(s, {})
        print("accepted")
    except IndentationError as e:
        print("IndentationError", e.lineno, isinstance(e, SyntaxError))
    except SyntaxError as e:
        print("SyntaxError", e.lineno)
ok = "if True:\n\tx = 1\n\ty = 2\nz = 3\n"
ns = {}
exec(ok, ns)
print(ns["x"], ns["y"], ns["z"])
