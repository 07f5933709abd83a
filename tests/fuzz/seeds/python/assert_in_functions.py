# assert inside functions and loops, with computed messages
def check_all(items):
    for i, v in enumerate(items):
        assert v >= 0, "item %d is negative: %r" % (i, v)
    return "ok"
print(check_all([1, 2, 3]))
try:
    check_all([1, -2, 3])
except AssertionError as e:
    print("AssertionError:", e)
count = 0
def counted():
    global count
    count += 1
    return True
assert counted()
print(count)
try:
    assert None, None
except AssertionError as e:
    print(repr(e.args))
