# module functions, methods and types refuse keyword arguments they do not take, as CPython
# does; those that take keywords still accept theirs
import random, time, struct, io, re
from collections import deque, namedtuple, defaultdict, OrderedDict

def attempt(label, call):
    try:
        print(label, "->", call())
    except TypeError as e:
        print(label, "TypeError:", e)

attempt("random.random", lambda: random.random(x=1))
attempt("random.getrandbits", lambda: random.getrandbits(4, x=1))
# a module's own function is refused too, but named without its module (sleep(), not
# time.sleep(): docs/python.md), so only the exception's type is compared
for label, call in (("time.sleep", lambda: time.sleep(0, x=1)), ("struct.pack", lambda: struct.pack("B", 1, x=1))):
    try:
        call()
    except TypeError:
        print(label, "TypeError")
attempt("deque.append", lambda: deque().append(1, x=1))
attempt("deque.rotate", lambda: deque([1, 2]).rotate(1, x=1))
attempt("StringIO.write", lambda: io.StringIO().write("a", x=1))
attempt("Match.group", lambda: re.match("a", "a").group(0, x=1))

Point = namedtuple("Point", "x y", defaults=[0])
attempt("namedtuple by name", lambda: Point(x=1))
attempt("namedtuple _replace", lambda: Point(1, 2)._replace(y=5))
attempt("deque maxlen", lambda: list(deque([1, 2, 3], maxlen=2)))
attempt("defaultdict kw", lambda: sorted(defaultdict(int, a=1).items()))
od = OrderedDict(a=1, b=2)
od.move_to_end("a", last=False)
attempt("OrderedDict move_to_end", lambda: list(od))
attempt("re.split maxsplit", lambda: re.split(",", "a,b,c", maxsplit=1))
attempt("StringIO initial_value", lambda: io.StringIO(initial_value="hi").read())
