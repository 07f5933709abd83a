# uncaught exception in a function wrapped by a decorator: both frames are listed
def logged(fn):
    def wrapper(*args):
        print("calling", fn.__name__, args)
        return fn(*args)
    return wrapper
@logged
def inverse(x):
    return 1 / x
print(inverse(4))
inverse(0)
