# with statements and exceptions: __exit__ receives type, value, traceback
class Log:
    def __init__(self, suppress):
        self.suppress = suppress
    def __enter__(self):
        return self
    def __exit__(self, et, ev, tb):
        print("exit:", et is not None and et.__name__, repr(ev), tb is not None)
        return self.suppress
with Log(False):
    pass
with Log(True):
    raise KeyError("gone")
try:
    with Log(False):
        raise IndexError("kept")
except IndexError as e:
    print("caught", e)
class Bad:
    def __enter__(self):
        raise RuntimeError("enter failed")
    def __exit__(self, *a):
        print("never")
try:
    with Bad():
        print("never body")
except RuntimeError as e:
    print("RuntimeError", e)
class ExitRaises:
    def __enter__(self):
        return self
    def __exit__(self, *a):
        raise ValueError("from exit")
try:
    with ExitRaises():
        raise KeyError("original")
except ValueError as e:
    print("ValueError", e, type(e.__context__).__name__)
