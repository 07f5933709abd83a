# asyncio's functions and its Task, Event, Lock and loop methods called with one argument too
# many, and one too few where they need some, raise TypeError (coroutines are never made)
import asyncio

def t(name, f, *a):
    try:
        f(*a)
        print(name, len(a), "ok")
    except TypeError:
        print(name, len(a), "TypeError")

def both(name, f, most, fewest):
    t(name, f, *range(most + 1))
    if fewest:
        t(name, f, *range(fewest - 1))

for name, f, most, fewest in (("run", asyncio.run, 1, 1), ("create_task", asyncio.create_task, 1, 1),
                              ("ensure_future", asyncio.ensure_future, 1, 1), ("sleep", asyncio.sleep, 2, 1),
                              ("wait_for", asyncio.wait_for, 2, 1), ("current_task", asyncio.current_task, 1, 0),
                              ("get_event_loop", asyncio.get_event_loop, 2, 0),
                              ("new_event_loop", asyncio.new_event_loop, 0, 0),
                              ("open_connection", asyncio.open_connection, 2, 0),
                              ("start_server", asyncio.start_server, 4, 0)):
    both(name, f, most, fewest)
ev, lock = asyncio.Event(), asyncio.Lock()
for name, f, most, fewest in (("Event.set", ev.set, 0, 0), ("Event.clear", ev.clear, 0, 0),
                              ("Event.is_set", ev.is_set, 0, 0), ("Event.wait", ev.wait, 0, 0),
                              ("Lock.acquire", lock.acquire, 0, 0), ("Lock.release", lock.release, 0, 0),
                              ("Lock.locked", lock.locked, 0, 0), ("Lock.__aenter__", lock.__aenter__, 0, 0),
                              ("Lock.__aexit__", lock.__aexit__, 3, 3)):
    both(name, f, most, fewest)

async def child():
    await asyncio.sleep(0)
    return 5

async def main():
    task = asyncio.create_task(child())
    for name, f, most in (("Task.done", task.done, 0), ("Task.cancelled", task.cancelled, 0),
                          ("Task.result", task.result, 0), ("Task.exception", task.exception, 0),
                          ("Task.cancel", task.cancel, 1)):
        t(name, f, *range(most + 1))
    print(await task, task.done(), task.result(), task.exception())
    async with lock:
        print("locked", lock.locked())
    print(lock.locked(), ev.is_set())

asyncio.run(main())
loop = asyncio.new_event_loop()
for name, f, most, fewest in (("loop.run_until_complete", loop.run_until_complete, 1, 1),
                              ("loop.create_task", loop.create_task, 1, 1), ("loop.run_forever", loop.run_forever, 0, 0),
                              ("loop.stop", loop.stop, 0, 0), ("loop.close", loop.close, 0, 0)):
    both(name, f, most, fewest)
print(loop.run_until_complete(child()))
loop.close()
