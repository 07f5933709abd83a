# input() at the end of input prints its prompt, then raises EOFError
try:
    input("ask: ")
except EOFError as e:
    print("EOFError", repr(str(e)))
try:
    input()
except EOFError:
    print("EOFError again")
