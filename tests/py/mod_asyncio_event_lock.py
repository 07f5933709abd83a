# asyncio: Event (set, clear, is_set, wait wakes every waiter) and Lock (acquire, release,
# locked, async with; waiters get it in the order they came)
import asyncio
log = []

async def waiter(ev, name):
    log.append(name + " waits")
    r = await ev.wait()
    log.append("%s woke %s" % (name, r))

async def user(lock, name, hold):
    async with lock:
        log.append(name + " in")
        await asyncio.sleep(hold)
        log.append(name + " out")

async def main():
    ev = asyncio.Event()
    print(ev.is_set())
    ws = [asyncio.create_task(waiter(ev, n)) for n in "abc"]
    await asyncio.sleep(0.01)
    ev.set()
    ev.clear()
    print(ev.is_set())
    await asyncio.gather(*ws)
    ev.set()
    print(await ev.wait(), ev.is_set())

    lock = asyncio.Lock()
    print(lock.locked())
    users = [asyncio.create_task(user(lock, n, 0.005)) for n in "xyz"]
    await asyncio.sleep(0)
    print(lock.locked())
    await asyncio.gather(*users)
    print(lock.locked())
    print(await lock.acquire(), lock.locked())
    lock.release()
    try:
        lock.release()
    except RuntimeError as e:
        print("RuntimeError", e)

asyncio.run(main())
print(log)
