# return inside try/finally in generators; StopIteration value with finally
def g():
    try:
        yield 1
        return "ret"
    finally:
        print("finally in g")
it = g()
print(next(it))
try:
    next(it)
except StopIteration as e:
    print("value", e.value)
def h():
    for i in range(5):
        try:
            if i == 2:
                return
            yield i
        finally:
            print("cleanup", i)
print(list(h()))
