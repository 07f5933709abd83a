# asyncio's streams over TCP on 127.0.0.1: a server and several clients in one program,
# readline, read, readexactly, the end of a stream, get_extra_info, Server as a context manager
import asyncio

log = []

async def echo(reader, writer):
    peer = writer.get_extra_info("peername")
    log.append(peer[0])
    while True:
        line = await reader.readline()
        if not line:
            break
        writer.write(b"echo:" + line)
        await writer.drain()
    writer.close()
    await writer.wait_closed()

async def client(port, name, n):
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    got = []
    for i in range(n):
        writer.write(("%s %d\n" % (name, i)).encode())
        await writer.drain()
        got.append(await reader.readline())
        await asyncio.sleep(0.001 * (i % 3))
    writer.close()
    await writer.wait_closed()
    return got

async def several_clients():
    server = await asyncio.start_server(echo, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    results = await asyncio.gather(client(port, "a", 5), client(port, "b", 3), client(port, "c", 4))
    for r in results:
        print(r)
    server.close()
    await server.wait_closed()
    print("peers", sorted(log))

async def reads(reader, writer):
    writer.write(b"first line\nsecond")
    await writer.drain()
    await asyncio.sleep(0.02)
    writer.write(b" part\n0123456789abcdef")
    await writer.drain()
    writer.close()

async def readers():
    async with await asyncio.start_server(reads, "127.0.0.1", 0) as server:
        port = server.sockets[0].getsockname()[1]
        r, w = await asyncio.open_connection("127.0.0.1", port)
        print(w.get_extra_info("peername") == ("127.0.0.1", port))
        print(await r.readline())
        print(await r.readline())
        print(await r.readexactly(4))
        print(await r.read(3))
        print(await r.read())
        print(await r.read())
        print(await r.readline())
        w.close()
        await w.wait_closed()

async def short(reader, writer):
    writer.write(b"abc")
    await writer.drain()
    writer.close()

async def incomplete():
    server = await asyncio.start_server(short, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    r, w = await asyncio.open_connection("127.0.0.1", port)
    try:
        await r.readexactly(10)
    except asyncio.IncompleteReadError as e:
        print("IncompleteReadError", e.partial, e.expected, isinstance(e, EOFError), e)
    w.close()
    server.close()
    await server.wait_closed()

async def refused():
    server = await asyncio.start_server(echo, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    server.close()
    await server.wait_closed()
    try:
        await asyncio.open_connection("127.0.0.1", port)
    except ConnectionRefusedError as e:
        print("refused", isinstance(e, OSError))

async def ticking():
    # a task that sleeps keeps its turns while another waits for data
    ticks = []
    async def slow(reader, writer):
        await asyncio.sleep(0.1)
        writer.write(b"late\n")
        await writer.drain()
        writer.close()
    async def tick():
        for i in range(5):
            ticks.append(i)
            await asyncio.sleep(0.01)
    server = await asyncio.start_server(slow, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    r, w = await asyncio.open_connection("127.0.0.1", port)
    t = asyncio.create_task(tick())
    line = await r.readline()
    print(line, ticks)
    await t
    w.close()
    server.close()
    await server.wait_closed()

async def cancelled_read():
    async def silent(reader, writer):
        await reader.read()
        writer.close()
    server = await asyncio.start_server(silent, "127.0.0.1", 0)
    port = server.sockets[0].getsockname()[1]
    r, w = await asyncio.open_connection("127.0.0.1", port)
    try:
        await asyncio.wait_for(r.readline(), 0.05)
    except asyncio.TimeoutError:
        print("read timed out")
    w.close()
    server.close()
    await server.wait_closed()

asyncio.run(several_clients())
asyncio.run(readers())
asyncio.run(incomplete())
asyncio.run(refused())
asyncio.run(ticking())
asyncio.run(cancelled_read())
