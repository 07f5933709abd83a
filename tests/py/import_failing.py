# a module that raises while imported is not kept; importing it again runs it again
import sys
for attempt in range(2):
    try:
        import _imp_broken
    except ValueError as e:
        print("attempt", attempt, "ValueError", e, "_imp_broken" in sys.modules)
def inside():
    import sys as s
    from sys import argv
    return s is sys, type(argv).__name__
print(inside())
