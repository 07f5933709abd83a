# OverflowError from float operations
for c in [lambda: 10.0 ** 400, lambda: 2.0 ** 5000, lambda: 1e300 ** 2]:
    try:
        c()
    except OverflowError:
        print("OverflowError")
for c in [lambda: int(float("inf")), lambda: float(10 ** 400), lambda: int(float("-inf"))]:
    try:
        c()
    except OverflowError as e:
        print("OverflowError:", e)
print(10 ** 400 > 0, (10 ** 400) // (10 ** 399))
