# assert statement: passing, failing, message evaluation
assert True
assert 1 == 1, "not shown"
try:
    assert False
except AssertionError as e:
    print("AssertionError", repr(e), e.args)
try:
    assert 1 > 2, "one is not greater"
except AssertionError as e:
    print("AssertionError", e)
def msg():
    print("message evaluated")
    return "lazy message"
assert True, msg()
try:
    assert [], msg()
except AssertionError as e:
    print(e)
try:
    assert 0, {"k": 1}
except AssertionError as e:
    print(e.args[0]["k"])
