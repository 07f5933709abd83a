# collections.deque: both ends, maxlen, iteration, indexing
from collections import deque
d = deque()
d.append(1); d.append(2); d.appendleft(0)
print(d, len(d), list(d), d[0], d[-1], 2 in d, 5 in d, bool(d), bool(deque()))
print(d.pop(), d.popleft(), d, d.pop(), d, len(d))
d = deque(range(5), maxlen=3)
print(d, d.maxlen, deque().maxlen)
d.append(9); print(d); d.appendleft(7); print(d)
d.extend([1, 2]); print(d); d.extendleft("ab"); print(d)
q = deque("abc")
q.extend(q); print(q, [c for c in q], q[3])
q[0] = "z"; print(q, q.pop(), q.popleft(), q)
q.clear(); print(q, len(q))
z = deque([], 0); z.append(1); print(z, len(z))
fifo = deque()
for i in range(100):
    fifo.append(i)
    if len(fifo) > 10:
        fifo.popleft()
print(list(fifo), sum(fifo), deque([1, 2], maxlen=5))
ring = deque(maxlen=2)
for w in "the quick brown fox".split():
    ring.append(w)
print(ring, list(reversed(list(ring))))
