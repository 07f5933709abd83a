# async with and async for, driven by hand
class Step:
    def __await__(self):
        yield
class Ctx:
    async def __aenter__(self):
        print("aenter")
        await Step()
        return "resource"
    async def __aexit__(self, et, ev, tb):
        print("aexit", et.__name__ if et else None)
        return False
class Counter:
    def __init__(self, n):
        self.i = 0
        self.n = n
    def __aiter__(self):
        return self
    async def __anext__(self):
        if self.i >= self.n:
            raise StopAsyncIteration
        self.i += 1
        await Step()
        return self.i
async def main():
    async with Ctx() as r:
        print("using", r)
    total = []
    async for v in Counter(3):
        total.append(v)
    return total
c = main()
steps = 0
while True:
    try:
        c.send(None)
        steps += 1
    except StopIteration as e:
        print("result", e.value, "steps", steps)
        break
