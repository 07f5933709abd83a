# uncaught IndexError from a tuple
point = (1, 2)
print(point[1])
print(point[2])
