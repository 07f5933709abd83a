# equality and ordering across types
print(1 == 1.0, 1 == "1", [1] == (1,), (1,) == (1,), {} == [], None == False, "a" == b"a")
print(1 != "1", 0.1 + 0.2 == 0.3, abs(0.1 + 0.2 - 0.3) < 1e-9, 2 ** 50 == 2.0 ** 50)
print([1, 2, 3] == [1, 2, 3], [1, [2]] == [1, [2]], {1: [2]} == {1: [2]}, {1, 2} == frozenset({1, 2}))
print((1, "a") < (1, "b"), (1, 2) < (2,), [3] > [2, 9], "Z" < "a", "abc" < "abd", "" < " ")
for a, b in [(1, "a"), ([], ()), ({}, {})]:
    try:
        a < b
    except TypeError as e:
        print("TypeError", e)
