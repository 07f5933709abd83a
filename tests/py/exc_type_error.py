# TypeError from operations on wrong types
one_f = 1.0
none = None
five = 5
cases = [lambda: 1 + "a", lambda: "a" + 1, lambda: [] + (), lambda: 1 < "a", lambda: None + 1,
         lambda: -"s", lambda: ~1.5, lambda: {} < {}, lambda: len(5), lambda: "abc"[one_f],
         lambda: [1][none], lambda: iter(5), lambda: next([1]), lambda: five[0], lambda: hash({}),
         lambda: "a" * "b", lambda: [] * 2.0, lambda: int([]), lambda: sum(["a", "b"]), lambda: abs("x")]
for c in cases:
    try:
        c()
    except TypeError as e:
        print("TypeError:", e)
