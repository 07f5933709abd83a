# More tasks wait on sockets than one poll takes: 40 connections, 80 tasks waiting to read,
# served last first so that those late in the queue must be polled too
import asyncio

N = 40

async def echo(reader, writer):
    line = await reader.readline()
    writer.write(b"echo:" + line)
    await writer.drain()
    writer.close()

async def client(port, i, turns, got):
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    await turns[i].wait()
    writer.write(str(i).encode() + b"\n")
    await writer.drain()
    got.append(await reader.readline())
    writer.close()
    if i:
        turns[i - 1].set()

async def main():
    server = await asyncio.start_server(echo, "127.0.0.1", 0, backlog=64)
    port = server.sockets[0].getsockname()[1]
    turns = [asyncio.Event() for i in range(N)]
    got = []
    clients = [asyncio.create_task(client(port, i, turns, got)) for i in range(N)]
    await asyncio.sleep(0.2)            # every client connected and its handler reading
    turns[N - 1].set()
    await asyncio.wait_for(asyncio.gather(*clients), 10)
    print(len(got), got[0], got[-1])
    server.close()
    await server.wait_closed()

asyncio.run(main())
