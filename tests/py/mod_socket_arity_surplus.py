# socket's methods and functions called with one argument too many, and one too few where they
# need some, raise TypeError before they reach the network
import socket

def t(name, f, *a):
    try:
        f(*a)
        print(name, len(a), "ok")
    except TypeError:
        print(name, len(a), "TypeError")

s = socket.socket()
calls = [("bind", s.bind, 1, 1), ("listen", s.listen, 1, 0), ("accept", s.accept, 0, 0),
         ("connect", s.connect, 1, 1), ("send", s.send, 2, 1), ("sendall", s.sendall, 2, 1),
         ("sendto", s.sendto, 3, 2), ("recv", s.recv, 2, 1), ("recvfrom", s.recvfrom, 2, 1),
         ("makefile", s.makefile, 2, 0), ("settimeout", s.settimeout, 1, 1), ("gettimeout", s.gettimeout, 0, 0),
         ("setblocking", s.setblocking, 1, 1), ("setsockopt", s.setsockopt, 4, 3), ("fileno", s.fileno, 0, 0),
         ("getsockname", s.getsockname, 0, 0), ("__enter__", s.__enter__, 0, 0),
         ("getaddrinfo", socket.getaddrinfo, 6, 2), ("inet_pton", socket.inet_pton, 2, 2),
         ("inet_ntop", socket.inet_ntop, 2, 2)]
for name, f, most, fewest in calls:
    t(name, f, *range(most + 1))
    if fewest:
        t(name, f, *range(fewest - 1))
s.settimeout(1.5)
print(s.gettimeout(), socket.inet_ntop(socket.AF_INET, socket.inet_pton(socket.AF_INET, "10.0.0.1")))
t("close", s.close, 0)
s.close()
