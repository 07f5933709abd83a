# random: empty ranges and sequences, bad arguments
import random
for f in [lambda: random.randrange(0), lambda: random.randrange(5, 5), lambda: random.randrange(0, 10, 0),
          lambda: random.randint(5, 4), lambda: random.getrandbits(-1)]:
    try:
        f()
        print("no error")
    except ValueError:
        print("ValueError")
for f in [lambda: random.choice(5), lambda: random.shuffle(5), lambda: random.getrandbits("8")]:
    try:
        f()
    except TypeError:
        print("TypeError")
try:
    random.choice([])
except IndexError as e:
    print("IndexError", e)
