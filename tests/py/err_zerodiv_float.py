# uncaught float division by zero
x = 2.5
print(x / 2)
print(x / 0.0)
