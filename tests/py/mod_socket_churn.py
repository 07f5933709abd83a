# socket: sockets opened and closed in a loop leave nothing behind in the heap (the
# interpreter's gc.mem_alloc; CPython has none, and its side prints True regardless)
import gc, socket

def churn(n):
    for i in range(n):
        s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM if i % 2 else socket.SOCK_STREAM)
        s.close()
        with socket.socket() as t:
            t.bind(("127.0.0.1", 0))

used = getattr(gc, "mem_alloc", lambda: 0)
churn(20)
gc.collect()
before = used()
churn(1500)
gc.collect()
print(used() - before < 1024)
