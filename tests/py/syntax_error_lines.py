# SyntaxError carries the line number of the offending line
srcs = [
    "x = 1\ny = 2\nz = (3 +\n",
    "a = 1\nb = a +* 2\n",
    "def f():\n    return 1\nreturn 2\n",
    "for i in range(2):\n    pass\nbreak\n",
    "x = 1\n\n\ny === 2\n",
]
for s in srcs:
    try:
        exec(s, {})
    except SyntaxError as e:
        print(type(e).__name__, e.lineno)
