# handlers that raise, nested try blocks and exceptions inside finally
def level3():
    raise KeyError("deep")
def level2():
    try:
        level3()
    except KeyError as e:
        raise LookupError("wrapped: " + str(e))
def level1():
    try:
        level2()
    except LookupError as e:
        return "caught " + str(e) + " ctx=" + type(e.__context__).__name__
print(level1())
try:
    try:
        raise ValueError("a")
    finally:
        print("finally before propagation")
except ValueError as e:
    print("outer got", e)
try:
    try:
        raise ValueError("lost")
    finally:
        raise TypeError("replaces")
except Exception as e:
    print(type(e).__name__, e, type(e.__context__).__name__)
