# generator close() and throw(), finally blocks inside generators
def g():
    try:
        yield 1
        yield 2
    finally:
        print("cleanup")
x = g()
print(next(x))
x.close()
print("closed")
x.close()
try:
    next(x)
except StopIteration:
    print("StopIteration after close")
def catcher():
    while True:
        try:
            yield "ready"
        except ValueError as e:
            print("caught", e)
c = catcher()
next(c)
print(c.throw(ValueError("bad")))
try:
    c.throw(KeyError("k"))
except KeyError as e:
    print("propagated KeyError", e)
def ignores_exit():
    try:
        yield 1
    except GeneratorExit:
        print("GeneratorExit seen")
        raise
y = ignores_exit()
next(y)
y.close()
unstarted = g()
unstarted.close()
print("unstarted closed without cleanup")
