# uncaught ValueError from int()
for s in ["1", "22"]:
    print(int(s))
print(int("3x"))
