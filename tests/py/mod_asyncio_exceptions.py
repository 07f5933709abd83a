# asyncio's exception classes: their names, module, hierarchy and reprs, caught by class, by
# a base and by a subclass of theirs, as CPython's (a native module's class reads the same as
# one made by a class statement)
import asyncio

for cls in (asyncio.CancelledError, asyncio.IncompleteReadError, asyncio.TimeoutError):
    print(cls, cls.__name__, cls.__qualname__, cls.__module__)
    print([c.__name__ for c in cls.__mro__])
print(asyncio.TimeoutError is TimeoutError)
print(issubclass(asyncio.CancelledError, BaseException), issubclass(asyncio.CancelledError, Exception))
print(issubclass(asyncio.IncompleteReadError, EOFError), issubclass(asyncio.IncompleteReadError, Exception))

e = asyncio.CancelledError("stop", 2)
print(repr(e), str(e), e.args, type(e).__name__, type(e).__module__, e.__module__)
print(type(e) is asyncio.CancelledError, isinstance(e, asyncio.CancelledError), isinstance(e, Exception))
print(repr(asyncio.CancelledError()), repr(asyncio.CancelledError("one")))
e.note = "set"
print(e.note, hash(asyncio.CancelledError) == hash(asyncio.CancelledError))
print({asyncio.CancelledError: "key"}[asyncio.CancelledError])

def catch(exc):
    try:
        raise exc
    except asyncio.CancelledError as x:
        return "CancelledError " + type(x).__name__
    except EOFError as x:
        return "EOFError " + type(x).__name__
    except BaseException as x:
        return "BaseException " + type(x).__name__

print(catch(asyncio.CancelledError))
print(catch(asyncio.CancelledError("x")))
print(catch(EOFError("plain")))

class Stop(asyncio.CancelledError):
    pass
class Short(asyncio.IncompleteReadError):
    def __init__(self, n):
        BaseException.__init__(self, n)
        self.n = n

print(Stop.__module__, [c.__name__ for c in Stop.__mro__], repr(Stop("s")))
print(catch(Stop("s")), catch(Short(3)), Short(3).n, Short(3).args)
print(isinstance(Short(1), EOFError), issubclass(Stop, asyncio.CancelledError))

async def sleeper():
    await asyncio.sleep(10)

async def main():
    t = asyncio.create_task(sleeper())
    await asyncio.sleep(0)
    t.cancel()
    try:
        await t
    except asyncio.CancelledError as x:
        print("awaited:", type(x).__name__, type(x).__module__, isinstance(x, BaseException))
    print(t.cancelled())

asyncio.run(main())
