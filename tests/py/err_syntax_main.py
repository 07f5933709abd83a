# a program that does not compile runs nothing: no output, SyntaxError, status 1
print("this line must not run")
def f():
    return 1
x = = 2
print("nor this")
