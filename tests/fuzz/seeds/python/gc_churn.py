# many short-lived objects, cycles and containers; results stay right across collections
class Node:
    def __init__(self, v, nxt=None):
        self.v = v
        self.next = nxt
def chain(n):
    head = None
    for i in range(n):
        head = Node(i, head)
    return head
total = 0
for round_ in range(20):
    h = chain(500)
    s = 0
    while h:
        s += h.v
        h = h.next
    total += s
print(total)
for i in range(2000):
    a = [i]
    b = [a]
    a.append(b)
    d = {"self": None}
    d["self"] = d
print(len(a), a[0], d["self"] is d)
keep = []
for i in range(3000):
    t = (str(i), [i] * 3, {"k": i})
    if i % 100 == 0:
        keep.append(t)
print(len(keep), keep[-1][0], keep[5][1], keep[29][2])
s = ""
for i in range(2000):
    s = s + chr(65 + i % 26)
print(len(s), s[-5:])
