# _thread: threads run, share the program's objects, take turns on a lock; allocate_lock's
# acquire (blocking, non-blocking, with a timeout), release, locked and with; get_ident
import _thread, time

lock = _thread.allocate_lock()
counter = [0]
finished = _thread.allocate_lock()
left = [3]
idents = set()

def add(n, step=1):
    for i in range(n):
        with lock:
            v = counter[0]
            time.sleep(0)
            counter[0] = v + step
    idents.add(_thread.get_ident())
    with lock:
        left[0] -= 1

main = _thread.get_ident()
for s in (1, 2, 3):
    _thread.start_new_thread(add, (200,), {"step": s})
while True:
    with lock:
        if left[0] == 0:
            break
    time.sleep(0.001)
print(counter[0], len(idents), main in idents)
l = _thread.allocate_lock()
print(l.locked(), l.acquire(), l.locked(), l.acquire(False), l.acquire(True, 0.01))
l.release()
print(l.locked(), l.acquire(blocking=False))
l.release()
try:
    l.release()
except RuntimeError as e:
    print("RuntimeError", e)
print(type(_thread.get_ident()).__name__, _thread.stack_size())
try:
    _thread.start_new_thread(add, [1])
except TypeError as e:
    print("TypeError", e)
