# uncaught KeyError with an int key
table = {1: "one"}
print(table[1])
table[2]
