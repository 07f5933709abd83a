# a generator keeps room for as many try/with blocks as its code opens at once: nested
# tries, tries inside handlers and finally bodies, a return running finally bodies that
# open tries of their own, and a coroutine with async with, all paused inside the blocks
class Ctx:
    def __init__(self, name): self.name = name
    def __enter__(self): print("enter", self.name); return self
    def __exit__(self, *e): print("exit", self.name, e[0].__name__ if e[0] else None); return False

def nested(n):
    try:
        with Ctx("a"):
            try:
                with Ctx("b"):
                    try:
                        yield n
                        raise KeyError(n)
                    finally:
                        try:
                            yield n + 1
                        finally:
                            yield n + 2
            except KeyError as e:
                try:
                    yield ("handled", e.args[0])
                    raise ValueError(n)
                except ValueError:
                    yield "inner handler"
    finally:
        try:
            with Ctx("c"):
                yield "outer finally"
        except Exception:
            pass

print(list(nested(1)))

def returns_through(k):
    for i in range(3):
        try:
            try:
                yield i
                if i == k:
                    return
            finally:
                try:
                    with Ctx(i):
                        yield ("finally", i)
                finally:
                    yield ("last", i)
        except ZeroDivisionError:
            pass

print(list(returns_through(1)))
def deep():
    try:
        try:
            try:
                try:
                    try:
                        try:
                            yield 1
                            1 / 0
                        finally:
                            yield 2
                    finally:
                        yield 3
                finally:
                    yield 4
            finally:
                yield 5
        finally:
            yield 6
    except ZeroDivisionError:
        yield "caught"

print(list(deep()))

class ACtx:
    async def __aenter__(self): print("aenter"); return self
    async def __aexit__(self, *e): print("aexit", e[0].__name__ if e[0] else None); return True

class Step:
    def __await__(self):
        yield "step"

async def coro():
    async with ACtx():
        try:
            await Step()
            async with ACtx():
                await Step()
                raise OSError
        finally:
            await Step()
    return "coro done"

c = coro()
out = []
try:
    while True:
        out.append(c.send(None))
except StopIteration as e:
    out.append(e.value)
print(out)
