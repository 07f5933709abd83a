# a bare raise in a handler re-raises with the original traceback
def risky():
    return [1, 2][5]
try:
    risky()
except IndexError:
    print("logging and re-raising")
    raise
