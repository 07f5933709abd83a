# Module functions called with arguments of the wrong type or count raise TypeError
# (they once read a None as an int, or arguments they were not given).
import _thread, select, collections, io


def attempt(label, f, *args):
    try:
        f(*args)
        print(label, "ok")
    except Exception as e:
        print(label, type(e).__name__)


class Index:
    def __index__(self):
        return 0


attempt("stack_size(None)", _thread.stack_size, None)
attempt("stack_size('s')", _thread.stack_size, "s")
attempt("stack_size(1.5)", _thread.stack_size, 1.5)
attempt("stack_size(Index())", _thread.stack_size, Index())
attempt("stack_size(0, 0)", _thread.stack_size, 0, 0)
attempt("get_ident(1)", _thread.get_ident, 1)
attempt("allocate_lock(1)", _thread.allocate_lock, 1)
attempt("start_new_thread()", _thread.start_new_thread)
attempt("lock.release(1)", _thread.allocate_lock().release, 1)
attempt("lock.locked(1)", _thread.allocate_lock().locked, 1)
attempt("select()", select.select)
attempt("select(None x3)", select.select, None, None, None)
attempt("poll(1)", select.poll, 1)
attempt("poll().poll(None, None)", select.poll().poll, None, None)
attempt("poll().unregister()", select.poll().unregister)
attempt("poll().modify(1)", select.poll().modify, 1)
P = collections.namedtuple("P", "x y")
attempt("P._make()", P._make)
attempt("P(1, 2)._make()", P(1, 2)._make)
attempt("P(1, 2)._asdict(1)", P(1, 2)._asdict, 1)
print(P._make([3, 4]))
od = collections.OrderedDict(a=1)
print(sorted(n for n in dir(od) if not n.startswith("_"))[:3])
attempt("od.popitem(1, 2)", od.popitem, 1, 2)
attempt("StringIO().write()", io.StringIO().write)
