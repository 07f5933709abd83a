# collections.deque.rotate: right by n, left when negative, by more than the length, with maxlen
from collections import deque
d = deque(range(6))
d.rotate(); print(d)
d.rotate(2); print(d)
d.rotate(-3); print(d)
d.rotate(0); print(d)
d.rotate(13); print(d, d[0], d[-1])
d.rotate(-25); print(d)
try:
    d.rotate(n=4)
except TypeError as exc:
    print("TypeError", exc, d)
e = deque(); e.rotate(5); print(e)
one = deque("x"); one.rotate(-7); print(one)
m = deque("abcde", maxlen=5)
m.rotate(2); print(m, m.maxlen)
m.append("f"); print(m)
ring = deque(maxlen=8)
for i in range(20):
    ring.append(i)
    if i % 3 == 0:
        ring.rotate(i % 5 - 2)
print(ring, list(ring), len(ring))
big = deque(range(100))
big.rotate(37); big.rotate(-137); print(list(big) == list(range(100)), big[0])
big.rotate(51); print(big[0], big[-1], big[50])
for bad in (1.5, "2"):
    try:
        big.rotate(bad)
    except TypeError as exc:
        print("TypeError", exc)
try:
    big.rotate(1, 2)
except TypeError:
    print("TypeError for two arguments")
