# chained comparisons evaluate each operand once
def v(x):
    print("eval", x)
    return x
print(1 < 2 < 3, 1 < 3 < 2, 3 > 2 > 1, 1 == 1 == 1, 1 == 1 != 2, 1 < 2 > 0 <= 0)
print(v(1) < v(2) < v(3))
print(v(3) < v(2) < v(1))
x = 5
print(0 <= x < 10, 0 < x <= 4, x in [5] in [[5]], x is not None is not False)
print("a" < "b" < "c" < "d", [1] < [2] <= [2])
