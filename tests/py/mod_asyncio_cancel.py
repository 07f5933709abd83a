# asyncio: Task.cancel raises CancelledError inside the task, where it waits; finally clauses
# run; a task may catch it and return; cancelling a task that never ran; awaiting a cancelled
# task raises CancelledError
import asyncio

async def sleeper(name):
    try:
        print(name, "sleeps")
        await asyncio.sleep(10)
        print(name, "woke")
    except asyncio.CancelledError:
        print(name, "cancelled")
        raise
    finally:
        print(name, "finally")

async def catcher():
    try:
        await asyncio.sleep(10)
    except asyncio.CancelledError:
        print("caught, going on")
    await asyncio.sleep(0)
    return "kept going"

async def never():
    print("never runs")

async def main():
    t = asyncio.create_task(sleeper("a"))
    await asyncio.sleep(0.01)
    print(t.cancel(), t.done())
    try:
        await t
    except asyncio.CancelledError:
        print("await raised CancelledError")
    print(t.done(), t.cancelled(), t.cancel())

    c = asyncio.create_task(catcher())
    await asyncio.sleep(0)
    c.cancel()
    print(await c, c.cancelled())

    n = asyncio.create_task(never())
    print(n.cancel())
    await asyncio.sleep(0)
    print(n.cancelled())
    print(issubclass(asyncio.CancelledError, BaseException), issubclass(asyncio.CancelledError, Exception))

asyncio.run(main())
