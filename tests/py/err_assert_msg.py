# uncaught AssertionError with a message
def check(v):
    assert v >= 0, "negative value: %d" % v
    return v
print(check(2))
check(-4)
