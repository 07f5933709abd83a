if False:
    x = 1 & 2.0
    y = 1 >> -1
print("compiled")
