# socket: UDP datagrams to itself and between two sockets on loopback
import socket

a = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
a.bind(("127.0.0.1", 0))
b = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
b.bind(("127.0.0.1", 0))

print(a.sendto(b"to myself", a.getsockname()))
data, addr = a.recvfrom(64)
print(data, addr == a.getsockname())

for i in range(3):
    a.sendto(("n%d" % i).encode(), b.getsockname())
for i in range(3):
    data, addr = b.recvfrom(64)
    print(data, addr == a.getsockname())

b.sendto(b"a longer datagram", a.getsockname())
print(a.recv(8))                      # the rest of a datagram is dropped
b.connect(a.getsockname())
b.send(b"connected")
print(a.recvfrom(64)[0])

a.settimeout(0.05)
try:
    a.recvfrom(64)
except OSError as e:
    print(type(e).__name__, isinstance(e, OSError))
a.close()
b.close()
