# random: the sequence is this generator's own, so only its properties and the repeatability
# of a seed are compared with CPython
import random
random.seed(42)
first = [random.random() for _ in range(20)]
random.seed(42)
print(first == [random.random() for _ in range(20)], all(0.0 <= x < 1.0 for x in first), len(set(first)) == 20)
random.seed("a string seed"); s1 = random.getrandbits(30)
random.seed("a string seed"); print(s1 == random.getrandbits(30))
print(all(0 <= random.getrandbits(k) < 2 ** k for k in (1, 7, 8, 31, 32, 33, 63, 64) for _ in range(20)))
print(random.getrandbits(0))
print(all(3 <= random.randint(3, 9) <= 9 for _ in range(200)), {random.randint(0, 1) for _ in range(200)} == {0, 1})
print(all(random.randrange(10) in range(10) for _ in range(100)), all(random.randrange(-5, 5) in range(-5, 5) for _ in range(100)))
print(all(random.randrange(0, 100, 7) % 7 == 0 for _ in range(100)), all(random.randrange(10, 0, -3) in (10, 7, 4, 1) for _ in range(50)))
print(random.randrange(5, 6), random.randint(-4, -4))
print(all(2.0 <= random.uniform(2, 3) <= 3.0 for _ in range(100)), isinstance(random.uniform(1, 2), float))
print(all(random.choice("xyz") in "xyz" for _ in range(50)), random.choice([7]), random.choice((1, 2, 3)) in (1, 2, 3))
seen = {random.choice(range(5)) for _ in range(300)}
print(seen == set(range(5)))
deck = list(range(52)); random.shuffle(deck)
print(sorted(deck) == list(range(52)), deck != list(range(52)))
empty = []; random.shuffle(empty); print(empty)
r1, r2 = random.Random(7), random.Random(7)
print([r1.random() for _ in range(5)] == [r2.random() for _ in range(5)], r1.randint(1, 6) in range(1, 7))
# a mean near one half over many draws
print(abs(sum(random.random() for _ in range(4000)) / 4000 - 0.5) < 0.05)
