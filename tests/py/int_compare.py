# comparisons between ints, floats and bools
print(1 < 2, 2 < 1, 2 <= 2, 3 >= 4, 5 == 5, 5 != 5)
print(1 == 1.0, 1 < 1.5, 2 > 1.5, 0 == False, 1 == True, True + True)
print(-1 < 0 < 1, 1 < 3 > 2, 1 < 2 < 2, 5 > 4 >= 4 > 3)
print(2 ** 70 > 2 ** 69, 2 ** 70 == 2 ** 70, -(2 ** 70) < 5)
print(max(3, 7, 1), min(3, 7, 1), max(-2, -2.5))
print(10 ** 20 > 1e19, 10 ** 20 == 1e20, 3 < 3.0000001)
print(None is None, None == None, None != 0, not None)
print([1 < 2] == [True], (1, 2) < (1, 3), (1, 2) < (1, 2, 0))
