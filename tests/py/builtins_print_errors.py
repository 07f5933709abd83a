# print() argument errors and unusual values
print("a", "b", sep="", end="\n")
print("x", file=None)
print(end="")
print("", "", sep="|")
for bad in (lambda: print("x", sep=1), lambda: print("x", end=2), lambda: print("x", file=5), lambda: print(x=1)):
    try:
        bad()
    except (TypeError, AttributeError) as e:
        print(type(e).__name__)
class Weird:
    def __str__(self):
        return "weird\nlines"
print(Weird(), [Weird()] if False else "ok", sep=" / ")
