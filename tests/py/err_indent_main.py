# a program with an unexpected indent runs nothing
print("must not run")
x = 1
    y = 2
print(x)
