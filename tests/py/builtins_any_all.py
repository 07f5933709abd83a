# any and all short-circuit
print(any([]), all([]), any([0, 0, 1]), all([1, 1, 0]), any("a"), all(""), any([None, ""]), all([[1], (2,)]))
def noisy(v):
    print("check", v)
    return v
print(any(noisy(x) for x in [0, 3, 5]))
print(all(noisy(x) for x in [1, 0, 5]))
print(any(x > 2 for x in range(4)), all(isinstance(x, int) for x in [1, True]))
