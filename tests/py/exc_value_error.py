# ValueError from conversions and methods
cases = [lambda: int("x1"), lambda: float("?"), lambda: [1].index(2), lambda: "a".index("b"),
         lambda: [].remove(1), lambda: chr(-1), lambda: int("12", 1), lambda: range(0, 1, 0),
         lambda: "x".split(""), lambda: bytes([300]), lambda: (1).to_bytes(1, "middle"),
         lambda: "{0}{}".format(1, 2), lambda: max([]), lambda: min(())]
for c in cases:
    try:
        c()
    except ValueError as e:
        print("ValueError:", e)
a = b = 0
try:
    a, b = [1, 2, 3]
except ValueError as e:
    print("ValueError:", e)
