# yield from forwards throw() and close() to the inner generator
def inner():
    try:
        yield "i1"
        yield "i2"
    except ValueError:
        print("inner handled ValueError")
        yield "recovered"
    finally:
        print("inner finally")
def outer():
    yield from inner()
    yield "outer tail"
o = outer()
print(next(o))
print(o.throw(ValueError))
print(next(o))
o2 = outer()
next(o2)
o2.close()
print("closed")
