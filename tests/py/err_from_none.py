# raise ... from None hides the context in the traceback
def lookup(d, k):
    try:
        return d[k]
    except KeyError:
        raise LookupError("no setting %r" % k) from None
print(lookup({"a": 1}, "a"))
lookup({}, "b")
