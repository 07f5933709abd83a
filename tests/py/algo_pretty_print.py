# a recursive pretty printer for nested data
def pp(obj, indent=0):
    pad = "  " * indent
    if isinstance(obj, dict):
        print(pad + "{")
        for k in sorted(obj):
            print(pad + "  " + repr(k) + ":")
            pp(obj[k], indent + 2)
        print(pad + "}")
    elif isinstance(obj, (list, tuple)):
        print(pad + ("[" if isinstance(obj, list) else "("))
        for x in obj:
            pp(x, indent + 1)
        print(pad + ("]" if isinstance(obj, list) else ")"))
    else:
        print(pad + repr(obj))
pp({"b": [1, (2.5, "x")], "a": {"nested": None, "flag": True}})
