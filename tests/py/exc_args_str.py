# exception args, str() and repr() of standard exceptions
for e in [ValueError(), ValueError("msg"), ValueError("a", 2), KeyError("k"), KeyError(), IndexError(3),
          TypeError("t"), RuntimeError(), ZeroDivisionError("z"), StopIteration(5), OSError("o")]:
    print(type(e).__name__, e.args, "[" + str(e) + "]", repr(e))
print(StopIteration(5).value, StopIteration().value)
e = Exception("x")
e.extra = 1
print(e.extra, e.args)
