# uncaught AssertionError in a function with an expression message
def checked_sqrt(x):
    assert x >= 0, "x=%r" % x
    return x ** 0.5
print(checked_sqrt(16.0))
checked_sqrt(-1)
