# coroutine objects: type, close without running, await of non-awaitable
async def f():
    return 1
c = f()
print(type(c).__name__)
c.close()
print("closed unstarted")
async def bad():
    await 5
b = bad()
try:
    b.send(None)
except TypeError as e:
    print("TypeError", e)
async def uses_await_in_expr():
    return (await f()) + (await f())
u = uses_await_in_expr()
try:
    u.send(None)
except StopIteration as e:
    print("sum", e.value)
