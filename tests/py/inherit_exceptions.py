# exception class hierarchies defined by programs
class NetError(Exception):
    def __init__(self, msg, code=0):
        super().__init__(msg)
        self.code = code
class Timeout(NetError):
    pass
class Refused(NetError):
    def __str__(self):
        return "refused(%d): %s" % (self.code, self.args[0])
def fail(kind):
    if kind == "t":
        raise Timeout("took too long", 1)
    if kind == "r":
        raise Refused("port closed", 111)
    raise NetError("generic")
for k in "trx":
    try:
        fail(k)
    except Timeout as e:
        print("timeout", e, e.code)
    except NetError as e:
        print("net", type(e).__name__, e, e.code)
print([c.__name__ for c in Refused.__mro__])
