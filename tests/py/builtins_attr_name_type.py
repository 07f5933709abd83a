# the attribute name given to getattr, setattr, delattr and hasattr must be a str: anything
# else is a TypeError (delattr(obj, 2) read an int as a string); a str subclass is a name
class Box:
    pass

class Name(str):
    pass

b = Box()
for call in (lambda: getattr(b, 2), lambda: getattr(b, 2, None), lambda: setattr(b, 3, 1),
             lambda: delattr(b, 4), lambda: hasattr(b, 5), lambda: delattr(1, 2), lambda: getattr(b, None)):
    try:
        call()
        print("no error")
    except TypeError as e:
        print("TypeError:", e)
setattr(b, Name("colour"), "red")
print(getattr(b, Name("colour")), hasattr(b, "colour"), b.colour)
delattr(b, Name("colour"))
print(hasattr(b, "colour"))
