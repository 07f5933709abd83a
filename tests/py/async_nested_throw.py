# throw() and close() reach the innermost await of a chain; handlers and finally blocks run in order
class Wait:
    def __await__(self):
        v = yield "waiting"
        return v
async def inner():
    try:
        return await Wait()
    finally:
        print("inner finally")
async def middle():
    try:
        return await inner()
    except KeyError as e:
        print("middle caught", e)
        return await Wait()
async def outer():
    try:
        r = await middle()
        return "outer got %r" % (r,)
    finally:
        print("outer finally")
c = outer()
print(c.send(None))
print(c.throw(KeyError("k1")))
try:
    c.send("resumed")
except StopIteration as e:
    print(e.value)
c2 = outer()
c2.send(None)
c2.close()
print("closed")
c3 = outer()
c3.send(None)
try:
    c3.throw(ValueError("v"))
except ValueError as e:
    print("propagated", e)
