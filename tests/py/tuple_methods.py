# tuples as records, sorting and comparison
people = [("bob", 25), ("alice", 30), ("carol", 25)]
print(sorted(people), sorted(people, key=lambda p: (p[1], p[0])), max(people, key=lambda p: p[1]))
t = (1, 2, 3, 2, 1)
print(t.count(2), t.index(2), t.index(1, 1), t[::-1], t[1:-1], t * 0, min(t), sum(t))
try:
    t.index(9)
except ValueError as e:
    print("ValueError", e)
a, b = t[:2]
print(a, b, t == tuple(list(t)), tuple(t) is t)
print(((1, 2), (1, 3)) < ((1, 2), (1, 4)), (1, 2) + (3,), len(((),)))
