# attributes of specific exception types
try:
    {}["k"]
except KeyError as e:
    print(e.args, str(e), repr(e))
try:
    raise OSError(2, "No such file")
except OSError as e:
    print(e.errno, e.strerror, e.args, str(e))
try:
    raise SystemExit(3)
except SystemExit as e:
    print(e.code, e.args)
try:
    raise SystemExit
except SystemExit as e:
    print(e.code)
e = StopIteration("val")
print(e.value, e.args)
try:
    int("bad")
except ValueError as e:
    print(e.args)
