# socket: a TCP server and client in one program on loopback, with the stream methods
import socket

srv = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
srv.bind(("127.0.0.1", 0))
srv.listen(1)
host, port = srv.getsockname()
print(host, port > 0)

cli = socket.socket()
print(cli.gettimeout())
cli.connect(("127.0.0.1", port))
conn, peer = srv.accept()
print(peer[0], peer[1] == cli.getsockname()[1])

print(cli.send(b"GET / HTTP/1.0\r\n"), cli.sendall(b"Host: x\r\n\r\nrest"))
print(conn.recv(4))
f = conn.makefile("rwb")
print(f.readline())
print(f.readline(), f.readline())
print(f.read(4))                      # a buffered reader may have taken it from the socket

conn.sendall(bytearray(b"abc") + b"def")
print(cli.recv(2), cli.recv(100))
f.write(b"line one\nline two\n")
f.flush()
g = cli.makefile("rb")
print(g.readline(), g.readline())

conn.sendall(b"x" * 3000)
got = b""
while len(got) < 3000:
    got += cli.recv(1000)
print(len(got), got == b"x" * 3000)

f.close()                             # the socket itself in MicroPython, its file in CPython
conn.close()
print(cli.recv(10), cli.recv(10))
print(conn.fileno())
with cli:
    print(cli.fileno() >= 0)
srv.close()
try:
    conn.send(b"late")
except OSError as e:
    print(type(e).__name__, e.errno)
