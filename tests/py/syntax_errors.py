# the compiler rejects invalid source with SyntaxError (exec lets the program catch it)
bad = [
    "1 +",
    "def f(:\n    pass",
    "x = = 1",
    "return 5",
    "break",
    "continue",
    "nonlocal q",
    "a + 1 = 2",
    "1 = x",
    "None = 1",
    "f() = 3",
    "del f()",
    "(]",
    "'unterminated",
    "def f(a, a):\n    pass",
    "def f(x=1, y):\n    pass",
    "f(x=1, 2)",
    "*a = [1]",
    "else:\n    pass",
    "for x in range(3)\n    pass",
    "class:\n    pass",
    "x = (1, 2",
    "print('a' 'b' 1)",
    "def g():\n    yield = 1",
    "lambda x: return x",
    "if x = 1:\n    pass",
]
for src in bad:
    try:
        exec(src, {})
        print("accepted:", repr(src))
    except SyntaxError as e:
        print(type(e).__name__, repr(src))
