# asyncio: run, create_task, sleep(0), gather
import asyncio
log = []
async def worker(name, n):
    for i in range(n):
        log.append("%s%d" % (name, i))
        await asyncio.sleep(0)
    return name * n
async def main():
    t = asyncio.create_task(worker("t", 2))
    r = await asyncio.gather(worker("a", 2), worker("b", 1))
    await t
    return r, t.result()
print(asyncio.run(main()))
print(log)
