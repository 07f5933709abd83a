# IndexError and KeyError from built-in containers
cases = [lambda: [1][5], lambda: [][-1], lambda: (1, 2)[2], lambda: "ab"[9], lambda: range(2)[2],
         lambda: [].pop(), lambda: b"x"[3], lambda: bytearray()[0]]
for c in cases:
    try:
        c()
    except IndexError as e:
        print("IndexError:", e)
for c in [lambda: {}["a"], lambda: {1: 2}[3], lambda: {(1, 2): 0}[(2, 1)], lambda: set().remove(0)]:
    try:
        c()
    except KeyError as e:
        print("KeyError:", e, repr(e))
try:
    {}["k"]
except LookupError as e:
    print("as LookupError:", type(e).__name__)
