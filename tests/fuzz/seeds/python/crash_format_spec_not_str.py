print(format(42, 7))
