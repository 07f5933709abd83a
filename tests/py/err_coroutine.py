# uncaught exception escaping a coroutine driven by hand
async def step(x):
    return 10 // x
async def main():
    print(await step(5))
    print(await step(0))
main().send(None)
