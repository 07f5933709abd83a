# socket: timeouts, a refused connection, non-blocking calls, bad arguments, addresses
import socket

srv = socket.socket()
srv.bind(("127.0.0.1", 0))
srv.listen(1)
port = srv.getsockname()[1]
cli = socket.socket()
cli.connect(("localhost", port))
conn, _ = srv.accept()

conn.settimeout(0.1)
print(conn.gettimeout())
try:
    conn.recv(10)
except TimeoutError as e:
    print("TimeoutError", isinstance(e, OSError))
srv.settimeout(0.05)
try:
    srv.accept()
except OSError as e:
    print(type(e).__name__)

conn.setblocking(False)
print(conn.gettimeout())
try:
    conn.recv(10)
except BlockingIOError as e:
    print("BlockingIOError", e.errno)
conn.setblocking(True)
print(conn.gettimeout())

srv.close()
refused = socket.socket()
try:
    refused.connect(("127.0.0.1", port))
except ConnectionRefusedError as e:
    print(type(e).__name__, e.errno, e.strerror, isinstance(e, ConnectionError))
refused.close()

for bad in ((1, 2, 3), "127.0.0.1", ("127.0.0.1", 70000)):
    try:
        socket.socket().connect(bad)
    except (TypeError, OverflowError) as e:
        print(type(e).__name__)
try:
    conn.settimeout(-1)
except ValueError as e:
    print("ValueError", e)

print(socket.getaddrinfo("127.0.0.1", 8080, socket.AF_INET, socket.SOCK_STREAM)[0][4])
ai = socket.getaddrinfo("localhost", 53, socket.AF_INET, socket.SOCK_DGRAM)[0]
print(ai[0] == socket.AF_INET, ai[1] == socket.SOCK_DGRAM, ai[4])
print(socket.inet_pton(socket.AF_INET, "192.168.1.20"))
print(socket.inet_ntop(socket.AF_INET, b"\x0a\x00\x00\xff"))
try:
    socket.inet_pton(socket.AF_INET, "1.2.3")
except OSError as e:
    print("OSError", e)
print(socket.error is OSError, socket.timeout is TimeoutError)
cli.close()
conn.close()
