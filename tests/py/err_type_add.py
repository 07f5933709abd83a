# uncaught TypeError adding int and str
n = 5
print("n =", n)
print(n + "1")
