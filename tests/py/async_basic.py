# async def / await driven by hand with send(None)
class Yield:
    def __await__(self):
        v = yield "suspended"
        return v
async def leaf(x):
    got = await Yield()
    return x * 2, got
async def mid():
    a = await leaf(1)
    b = await leaf(2)
    return [a, b]
c = mid()
print(type(c).__name__)
print(c.send(None))
print(c.send("r1"))
try:
    c.send("r2")
except StopIteration as e:
    print("result", e.value)
async def plain():
    return 42
p = plain()
try:
    p.send(None)
except StopIteration as e:
    print("plain", e.value)
