# uncaught plain Exception with several args
print("x")
raise Exception("a", 2)
