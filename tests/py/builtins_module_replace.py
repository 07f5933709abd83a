# the builtins module: reading, replacing and deleting a builtin through it, exec's __builtins__
print(len("ab"), abs(-2))
import builtins
print(builtins.len([1, 2]), builtins.__name__, builtins.abs is abs)
def mylen(x):
    return 42
builtins.len = mylen
print(len("abc"))
del builtins.len
try:
    len("x")
except NameError as e:
    print("NameError:", e)
builtins.len = builtins.sum
print(len([1, 2, 3]))
g = {}
exec("x = abs(-3)", g)
print(g["x"], type(g["__builtins__"]).__name__, g["__builtins__"]["max"](1, 5))
print(int("12"), IOError is OSError, EnvironmentError is OSError, Ellipsis, NotImplemented, None)
