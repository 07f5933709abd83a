# scope declarations the compiler must reject
bad = [
    "def f():\n    nonlocal x\n",
    "def f():\n    x = 1\n    global x\n",
    "def f(a):\n    global a\n",
    "class C:\n    return 1\n",
    "yield 5\n",
    "await x\n",
    "def f():\n    await x\n",
    "async def f():\n    yield from g()\n",
    "def f():\n    def g():\n        nonlocal y\n",
    "x = [i for i in range(3)]\nnonlocal x\n",
]
for src in bad:
    try:
        exec(src, {})
        print("accepted", repr(src))
    except SyntaxError:
        print("SyntaxError", repr(src))
ok = "def f():\n    y = 1\n    def g():\n        nonlocal y\n        y += 1\n        return y\n    return g()\nr = f()\n"
ns = {}
exec(ok, ns)
print(ns["r"])
