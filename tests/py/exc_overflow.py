# OverflowError from float operations
for c in [lambda: 10.0 ** 400, lambda: 2.0 ** 5000, lambda: 1e300 ** 2]:
    try:
        c()
    except OverflowError:
        print("OverflowError")
for c in [lambda: int(float("inf")), lambda: int(float("-inf"))]:
    try:
        c()
    except OverflowError as e:
        print("OverflowError:", e)
print(int(1e18), float(10 ** 18))
