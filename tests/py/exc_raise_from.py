# raise ... from, __cause__, __context__, __suppress_context__
try:
    try:
        {}["k"]
    except KeyError as e:
        raise ValueError("converted") from e
except ValueError as v:
    print(type(v.__cause__).__name__, v.__cause__, v.__suppress_context__)
try:
    try:
        1 / 0
    except ZeroDivisionError:
        raise RuntimeError("during handling")
except RuntimeError as r:
    print(r.__cause__, type(r.__context__).__name__, r.__suppress_context__)
try:
    try:
        1 / 0
    except ZeroDivisionError:
        raise TypeError("hidden") from None
except TypeError as t:
    print(t.__cause__, type(t.__context__).__name__, t.__suppress_context__)
try:
    raise IndexError("plain")
except IndexError as p:
    print(p.__cause__, p.__context__)
try:
    raise KeyError("x") from OSError("os")
except KeyError as k:
    print(repr(k.__cause__))
