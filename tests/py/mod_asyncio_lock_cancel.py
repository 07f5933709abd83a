# A Lock released to a waiter that is cancelled before it runs goes to the next waiter, or is
# free again when none waits
import asyncio

async def waiter(lock, name, got):
    try:
        async with lock:
            got.append(name)
            await asyncio.sleep(0)
    except asyncio.CancelledError:
        got.append(name + " cancelled")
        raise

async def main():
    lock = asyncio.Lock()
    got = []
    await lock.acquire()
    a = asyncio.create_task(waiter(lock, "a", got))
    b = asyncio.create_task(waiter(lock, "b", got))
    await asyncio.sleep(0)
    lock.release()
    a.cancel()
    await asyncio.gather(a, b, return_exceptions=True)
    print(got, lock.locked())

    await lock.acquire()
    c = asyncio.create_task(waiter(lock, "c", got))
    await asyncio.sleep(0)
    lock.release()
    c.cancel()
    await asyncio.sleep(0)
    await asyncio.sleep(0)
    print(got, lock.locked(), c.cancelled())
    await asyncio.wait_for(lock.acquire(), 0.5)
    print("acquired again", lock.locked())
    lock.release()

asyncio.run(main())
