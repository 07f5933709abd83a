# collections: what goes wrong: pops from an empty deque, bad fields, missing keys
from collections import namedtuple, deque, OrderedDict
for f in [lambda: deque().pop(), lambda: deque().popleft(), lambda: deque([1])[3]]:
    try:
        f()
    except IndexError as e:
        print("IndexError", e)
for f in [lambda: namedtuple("T", "a a"), lambda: namedtuple("T", "a _b"), lambda: namedtuple("T", "a 1b"),
          lambda: namedtuple("T", "a b", defaults=[1, 2, 3]), lambda: deque([], -1), lambda: namedtuple("T", "x")(1)._replace(y=2)]:
    try:
        f()
        print("no error")
    except (ValueError, TypeError) as e:
        print(type(e).__name__)
P = namedtuple("P", "x y")
for f in [lambda: P(1), lambda: P(1, 2, 3), lambda: P(1, 2, z=3), lambda: P(1, x=2)]:
    try:
        f()
    except TypeError:
        print("TypeError")
try:
    P(1, 2).x = 5
except AttributeError:
    print("AttributeError")
o = OrderedDict()
for f in [lambda: o.popitem(), lambda: o.move_to_end("nope")]:
    try:
        f()
    except KeyError as e:
        print("KeyError", e)
deque().pop()
