# The modules' functions and methods called with one argument too many, and one too few where
# they need some, raise TypeError: re, random, io, collections.deque, list and dict __init__
import re, random, io, collections

def t(name, f, *a):
    try:
        f(*a)
        print(name, len(a), "ok")
    except TypeError:
        print(name, len(a), "TypeError")

# (name, callable, the most positional arguments it takes, the fewest)
p = re.compile("(a)(b)?")
m = p.match("ab")
d = collections.deque([1, 2, 3])
r = random.Random(3)
calls = [
    ("re.search", re.search, 3, 2), ("re.match", re.match, 3, 2), ("re.fullmatch", re.fullmatch, 3, 2),
    ("re.findall", re.findall, 3, 2), ("re.finditer", re.finditer, 3, 2), ("re.split", re.split, 4, 2),
    ("re.sub", re.sub, 5, 3), ("re.subn", re.subn, 5, 3),
    ("Pattern.split", p.split, 2, 1), ("Pattern.sub", p.sub, 3, 2), ("Pattern.subn", p.subn, 3, 2),
    ("Match.groups", m.groups, 1, 0), ("Match.groupdict", m.groupdict, 1, 0),
    ("Match.start", m.start, 1, 0), ("Match.end", m.end, 1, 0), ("Match.span", m.span, 1, 0),
    ("random.seed", random.seed, 2, 0), ("random.getrandbits", random.getrandbits, 1, 1),
    ("random.random", random.random, 0, 0), ("random.uniform", random.uniform, 2, 2),
    ("random.randrange", random.randrange, 3, 1), ("random.randint", random.randint, 2, 2),
    ("random.choice", random.choice, 1, 1), ("random.shuffle", random.shuffle, 1, 1),
    ("Random.random", r.random, 0, 0), ("Random.randint", r.randint, 2, 2),
    ("deque.append", d.append, 1, 1), ("deque.appendleft", d.appendleft, 1, 1),
    ("deque.pop", d.pop, 0, 0), ("deque.popleft", d.popleft, 0, 0), ("deque.extend", d.extend, 1, 1),
    ("deque.extendleft", d.extendleft, 1, 1), ("deque.clear", d.clear, 0, 0),
    ("list.__init__", [].__init__, 1, 0), ("dict.__init__", {}.__init__, 1, 0),
]
for cls in (io.StringIO, io.BytesIO):
    f = cls()
    n = cls.__name__ + "."
    calls += [(n + "write", f.write, 1, 1), (n + "read", f.read, 1, 0), (n + "readline", f.readline, 1, 0),
              (n + "readlines", f.readlines, 1, 0), (n + "getvalue", f.getvalue, 0, 0),
              (n + "seek", f.seek, 2, 1), (n + "tell", f.tell, 0, 0), (n + "flush", f.flush, 0, 0),
              (n + "__enter__", f.__enter__, 0, 0), (n + "close", f.close, 0, 0)]
for name, f, most, fewest in calls:
    t(name, f, *range(most + 1))
    if fewest:
        t(name, f, *range(fewest - 1))
# the counts they take still work
print(re.sub("a", "b", "aaa", 2), p.split("xaby", 1), m.span(1), m.groups(0), m.start(2))
print(d, [].__init__("ab"), dict(a=1), io.StringIO("x\ny").readlines(1), re.search("A", "a", re.I).group())
for h in (2, 3, 0):
    print(h, io.StringIO("ab\ncd\nef").readlines(h), io.BytesIO(b"ab\ncd\nef").readlines(h))
# whatever their count, the module functions still check their arguments' types
for f, a in ((re.search, (1, "a")), (random.getrandbits, ("x",)), (d.extend, (5,))):
    try:
        f(*a)
    except TypeError:
        print("TypeError for", a)
