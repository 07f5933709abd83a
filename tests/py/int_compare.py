# comparisons between ints, floats and bools
print(1 < 2, 2 < 1, 2 <= 2, 3 >= 4, 5 == 5, 5 != 5)
print(1 == 1.0, 1 < 1.5, 2 > 1.5, 0 == False, 1 == True, True + True)
print(-1 < 0 < 1, 1 < 3 > 2, 1 < 2 < 2, 5 > 4 >= 4 > 3)
print(2 ** 40 > 2 ** 39, 2 ** 40 == 2 ** 40, -(2 ** 40) < 5)
print(max(3, 7, 1), min(3, 7, 1), max(-2, -2.5))
print(10 ** 15 > 1e14, 10 ** 15 == 1e15, 3 < 3.0000001)
print(None is None, None == None, None != 0, not None)
print([1 < 2] == [True], (1, 2) < (1, 3), (1, 2) < (1, 2, 0))
