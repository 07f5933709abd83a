# The modules' functions and methods called with too few arguments raise TypeError (each
# entry's argument count is checked where it is called), never read past what they were given
import re, random, io, collections, asyncio, select, socket, _thread

def t(name, f, *a):
    try:
        f(*a)
        print(name, "ok")
    except Exception as e:
        print(name, type(e).__name__)

for name in ("compile", "search", "match", "fullmatch", "sub", "subn", "split", "findall", "finditer", "escape"):
    t("re." + name, getattr(re, name))
p = re.compile("a")
for name in ("search", "match", "fullmatch", "sub", "subn", "split", "findall", "finditer"):
    t("Pattern." + name, getattr(p, name))
for name in ("getrandbits", "randint", "randrange", "choice", "uniform", "shuffle"):
    t("random." + name, getattr(random, name))
r = random.Random(1)
t("Random.randint", r.randint, 1)
s = io.StringIO()
t("StringIO.write", s.write)
t("StringIO.seek", s.seek)
b = io.BytesIO()
t("BytesIO.write", b.write)
d = collections.deque()
for name in ("append", "appendleft", "extend", "extendleft", "pop", "popleft"):
    t("deque." + name, getattr(d, name))
od = collections.OrderedDict(a=1)
t("OrderedDict.move_to_end", od.move_to_end)
t("OrderedDict.move_to_end extra", od.move_to_end, "a", True, 3)
t("asyncio.sleep", asyncio.sleep)
t("asyncio.create_task", asyncio.create_task)
t("asyncio.wait_for", asyncio.wait_for)
t("select.select", select.select)
t("socket.getaddrinfo", socket.getaddrinfo)
t("_thread.start_new_thread", _thread.start_new_thread)
lock = _thread.allocate_lock()
print(lock.acquire(), lock.locked())
lock.release()
