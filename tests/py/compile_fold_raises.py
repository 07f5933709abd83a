# constant operations that raise are compiled, and raise only when they run
if False:
    x = 1 & 2.0
    y = 1 >> -1
    z = 2.5 | 1
print("compiled")
for src in ["1 & 2.0", "1 >> -1", "2.5 ^ 3", "3 << -2"]:
    try:
        eval(src)
    except (TypeError, ValueError) as e:
        print(src, type(e).__name__, e)
