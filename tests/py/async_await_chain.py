# awaiting coroutines returning values through several levels
class Suspend:
    def __init__(self, tag):
        self.tag = tag
    def __await__(self):
        resumed = yield self.tag
        return resumed
async def read(n):
    data = await Suspend("read%d" % n)
    return data * n
async def process():
    total = 0
    for i in range(1, 4):
        total += await read(i)
    return total
c = process()
tag = c.send(None)
steps = [tag]
try:
    while True:
        tag = c.send(10)
        steps.append(tag)
except StopIteration as e:
    print(steps, e.value)
