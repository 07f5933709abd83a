# bool type, truthiness and boolean operators
print(True, False, type(True).__name__, True == 1, False == 0, True is True)
print(True + 1, True * 3, False - 1, True / 2, int(True), str(False))
print(bool(0), bool(1), bool(-1), bool(0.0), bool(""), bool("a"), bool([]), bool([0]))
print(bool(()), bool({}), bool({0: 0}), bool(None), bool(range(0)), bool(range(1)))
print(1 and 2, 0 and 2, 1 or 2, 0 or 2, None or "x", "" and "y", not 0, not "a")
print([] or {} or 0 or "last", 1 and [] and 3)
print(True & False, True | False, True ^ True, ~True, isinstance(True, int))
def side(v):
    print("eval", v)
    return v
print(side(0) and side(1))
print(side(1) or side(2))
print(side(1) and side(0) or side(3))
print(repr(True), bool.__name__, issubclass(bool, int))
