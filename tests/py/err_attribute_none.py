# uncaught AttributeError on None
def find(x):
    if x > 0:
        return [x]
r = find(-1)
r.append(1)
