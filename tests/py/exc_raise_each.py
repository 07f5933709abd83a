# every standard exception can be raised, caught by its name and by its base
table = [
    (ArithmeticError, Exception), (AssertionError, Exception), (AttributeError, Exception),
    (EOFError, Exception), (GeneratorExit, BaseException), (ImportError, Exception),
    (IndexError, LookupError), (KeyError, LookupError), (KeyboardInterrupt, BaseException),
    (MemoryError, Exception), (NameError, Exception), (NotImplementedError, RuntimeError),
    (OSError, Exception), (OverflowError, ArithmeticError), (RecursionError, RuntimeError),
    (RuntimeError, Exception), (StopAsyncIteration, Exception), (StopIteration, Exception),
    (SyntaxError, Exception), (SystemExit, BaseException), (TypeError, Exception),
    (UnboundLocalError, NameError), (ValueError, Exception), (ZeroDivisionError, ArithmeticError),
    (UnicodeError, ValueError), (FileNotFoundError, OSError), (IndentationError, SyntaxError),
    (ModuleNotFoundError, ImportError), (LookupError, Exception),
]
for exc, base in table:
    try:
        raise exc("msg for " + exc.__name__)
    except exc as e:
        by_name = type(e).__name__
    try:
        raise exc
    except base as e:
        by_base = type(e).__name__
    print(by_name, by_base, base.__name__)
