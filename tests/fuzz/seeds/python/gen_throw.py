# throw() into a generator at various points
def g():
    n = 0
    while True:
        try:
            n += 1
            yield n
        except ValueError as e:
            print("handled", e)
        except KeyError:
            print("key -> stopping")
            return "stopped"
x = g()
print(next(x), next(x))
print(x.throw(ValueError("v1")))
try:
    x.throw(KeyError)
except StopIteration as e:
    print("StopIteration", e.value)
y = g()
try:
    y.throw(IndexError("not started"))
except IndexError as e:
    print("unstarted throw propagates", e)
print(next(y, "finished"))
