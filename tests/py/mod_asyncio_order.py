# asyncio: the order tasks run in: create_task, sleep(0), sleeps of different lengths,
# awaiting a task, current_task, sleep's result. The sleeps are 50 ms apart or more, so a
# loaded machine that wakes a task late does not swap two of them.
import asyncio
log = []

async def ticker(name, delay, n):
    for i in range(n):
        await asyncio.sleep(delay)
        log.append("%s%d" % (name, i))
    return name

async def yielder(name, n):
    for i in range(n):
        log.append("%s%d" % (name, i))
        await asyncio.sleep(0)

async def main():
    me = asyncio.current_task()
    print(type(me).__name__, me is asyncio.current_task())
    a = asyncio.create_task(ticker("slow", 0.1, 2))
    b = asyncio.create_task(ticker("fast", 0.01, 3))
    c = asyncio.create_task(yielder("y", 3))
    log.append("main")
    print(await asyncio.sleep(0.001, "slept"))
    print(await b, await a, await c)
    print(a.done(), a.result(), a.cancelled())

asyncio.run(main())
print(log)
try:
    asyncio.current_task()
except RuntimeError as e:
    print("RuntimeError:", e)
