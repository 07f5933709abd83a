# asyncio: wait_for returns the result in time, raises TimeoutError when late after cancelling
# the awaitable (whose finally runs first), and None means no timeout
import asyncio

async def work(delay, value):
    try:
        await asyncio.sleep(delay)
        return value
    finally:
        print("work", value, "ends")

async def main():
    print(await asyncio.wait_for(work(0.01, "quick"), 1))
    try:
        await asyncio.wait_for(work(1, "slow"), 0.02)
    except asyncio.TimeoutError as e:
        print("timeout", type(e).__name__, isinstance(e, TimeoutError))
    print(await asyncio.wait_for(work(0.01, "untimed"), None))
    t = asyncio.create_task(work(5, "task"))
    try:
        await asyncio.wait_for(t, 0.01)
    except asyncio.TimeoutError:
        print("task cancelled:", t.cancelled())

asyncio.run(main())
