# asyncio: gather keeps the order of its arguments, takes tasks and coroutines, raises the
# first failure or returns exceptions in place with return_exceptions
import asyncio

async def value(delay, v):
    await asyncio.sleep(delay)
    return v

async def fail(delay, msg):
    await asyncio.sleep(delay)
    raise ValueError(msg)

async def main():
    print(await asyncio.gather(value(0.02, "a"), value(0.01, "b"), value(0, "c")))
    t = asyncio.create_task(value(0.01, "task"))
    print(await asyncio.gather(t, value(0, 1)))
    print(await asyncio.gather())
    r = await asyncio.gather(value(0.01, 1), fail(0, "bad"), return_exceptions=True)
    print([type(x).__name__ for x in r], r[0], str(r[1]))
    try:
        await asyncio.gather(value(0.02, 1), fail(0.01, "first"))
    except ValueError as e:
        print("raised", e)
    print(await asyncio.gather(asyncio.sleep(0.01, "s")))
    await asyncio.sleep(0.03)

asyncio.run(main())
