# uncaught ValueError from unpacking
a, b = "xy"
print(a, b)
a, b = [1, 2, 3]
