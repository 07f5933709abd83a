# exception objects survive their handler and keep __traceback__
saved = None
try:
    raise ValueError("kept")
except ValueError as e:
    saved = e
print(saved, type(saved).__name__, saved.__traceback__ is not None)
def raiser():
    raise KeyError("deep")
try:
    raiser()
except KeyError as e:
    print(e.__traceback__ is not None)
errs = []
for exc in (ValueError, TypeError, KeyError):
    try:
        raise exc("m")
    except Exception as e:
        errs.append(e)
print([type(e).__name__ for e in errs], [str(e) for e in errs])
