# select: select() and poll() over a server, two clients and a UDP socket on loopback
import socket, select

srv = socket.socket()
srv.bind(("127.0.0.1", 0))
srv.listen(4)
addr = srv.getsockname()
clients = [socket.socket() for i in range(2)]
for c in clients:
    c.connect(addr)

def ready(events):
    # MicroPython's poll gives the object, CPython's its fileno()
    out = []
    for obj, ev in events:
        if isinstance(obj, int):
            obj = by_fd[obj]
        out.append((names[obj], ev))
    return sorted(out)

p = select.poll()
p.register(srv, select.POLLIN)
conns = []
while len(conns) < 2:
    for obj, ev in p.poll(1000):
        conn, _ = srv.accept()
        conns.append(conn)
print(len(conns), p.poll(0))

names = {clients[0]: "c0", clients[1]: "c1", conns[0]: "s0", conns[1]: "s1", srv: "srv"}
by_fd = {o.fileno(): o for o in names}
for c in conns:
    p.register(c, select.POLLIN)
print(ready(p.poll(0)))
clients[1].send(b"ping")
print(ready(p.poll(1000)))
print(conns[1].recv(10))
p.modify(conns[1], select.POLLOUT)
print(ready(p.poll(1000)))
p.unregister(conns[1])
try:
    p.unregister(conns[1])
except KeyError:
    print("KeyError")
try:
    p.modify(conns[1], select.POLLIN)
except OSError as e:
    print(type(e).__name__, e.errno)

# select(): readable, writable, and a peer that closed reads as readable
r, w, x = select.select(conns, [], [], 0)
print(len(r), w, x)
clients[0].send(b"hello")
r, w, x = select.select(conns + clients, clients, [], 1.0)
print(sorted(names[o] for o in r), sorted(names[o] for o in w), x)
print(conns[1].recv(10) if conns[1] in r else None)
clients[0].close()
r, _, _ = select.select([conns[0]], [], [], 1.0)
print([names[o] for o in r], conns[0].recv(10), conns[0].recv(10))

u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
u.bind(("127.0.0.1", 0))
print(select.select([u], [], [], 0.05))
u.sendto(b"d", u.getsockname())
print(select.select([u], [], [], 1.0)[0] == [u], u.recv(5))
print(select.POLLIN, select.POLLOUT, select.POLLERR, select.POLLHUP)
for s in conns + clients + [srv, u]:
    s.close()
