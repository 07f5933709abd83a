# exceptions across await, and throw()/close() on coroutines
class Tick:
    def __await__(self):
        yield "tick"
async def fails():
    await Tick()
    raise ValueError("inside")
async def guard():
    try:
        await fails()
    except ValueError as e:
        return "caught " + str(e)
c = guard()
print(c.send(None))
try:
    c.send(None)
except StopIteration as e:
    print(e.value)
async def waits():
    try:
        await Tick()
    except KeyError:
        return "got KeyError"
w = waits()
w.send(None)
try:
    w.throw(KeyError("x"))
except StopIteration as e:
    print(e.value)
async def forever():
    try:
        while True:
            await Tick()
    finally:
        print("finally on close")
f = forever()
f.send(None)
f.close()
print("done")
