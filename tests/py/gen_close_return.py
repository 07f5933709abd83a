# close() on a generator that yields in finally raises RuntimeError
def stubborn():
    try:
        yield 1
    finally:
        yield 2
s = stubborn()
next(s)
try:
    s.close()
except RuntimeError as e:
    print("RuntimeError", e)
def quiet():
    try:
        yield 1
    except GeneratorExit:
        return
q = quiet()
next(q)
print(q.close())
def done():
    yield 1
d = done()
list(d)
print(d.close())
