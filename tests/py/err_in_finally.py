# an exception in finally replaces the one in flight
try:
    print("try")
    raise KeyError("original")
finally:
    print("finally")
    raise OSError("from finally")
