# walrus inside comprehensions binds in the containing scope
def f(values):
    if any((hit := v) > 10 for v in values):
        return "first big: %d" % hit
    return "none"
print(f([1, 20, 30]), f([1, 2]))
data = [3, 8, 1]
m = max(data)
print([last := x for x in data], last)
def g():
    [(n := i) for i in range(4)]
    return n
print(g())
while (chunk := data[:2]):
    print(chunk)
    data = data[2:]
