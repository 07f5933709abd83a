# except clauses with tuples and as-names, order of matching
def probe(exc):
    try:
        raise exc
    except (TypeError, ValueError) as e:
        return "tv:" + type(e).__name__
    except LookupError as e:
        return "lookup:" + type(e).__name__
    except BaseException as e:
        return "base:" + type(e).__name__
for exc in (TypeError, ValueError("v"), KeyError, IndexError("i"), UnicodeError, SystemExit, GeneratorExit, RuntimeError):
    print(probe(exc))
excs = (KeyError, ZeroDivisionError)
try:
    1 / 0
except excs as e:
    print("tuple in a variable:", type(e).__name__)
