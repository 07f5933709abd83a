# the standard exception hierarchy
pairs = [
    (ZeroDivisionError, ArithmeticError), (OverflowError, ArithmeticError), (ArithmeticError, Exception),
    (KeyError, LookupError), (IndexError, LookupError), (LookupError, Exception),
    (UnboundLocalError, NameError), (NotImplementedError, RuntimeError), (RecursionError, RuntimeError),
    (FileNotFoundError, OSError), (OSError, Exception), (StopIteration, Exception),
    (GeneratorExit, BaseException), (KeyboardInterrupt, BaseException), (SystemExit, BaseException),
    (GeneratorExit, Exception), (KeyboardInterrupt, Exception), (SystemExit, Exception),
    (AssertionError, Exception), (AttributeError, Exception), (ImportError, Exception),
    (MemoryError, Exception), (TypeError, Exception), (ValueError, Exception), (UnicodeError, ValueError),
    (Exception, BaseException), (StopAsyncIteration, Exception), (EOFError, Exception),
    (IndentationError, SyntaxError), (SyntaxError, Exception), (ModuleNotFoundError, ImportError),
]
for sub, base in pairs:
    print(sub.__name__, base.__name__, issubclass(sub, base))
print(IOError is OSError, EnvironmentError is OSError)
