# % formatting: dict keys, widths, flags and errors
print("%-8s|%8s|" % ("left", "right"), "%08.3f" % -3.14159, "%+.2e" % 12345.678, "%#.3g" % 1.0)
print("%(a)s-%(b)05d-%(a)r" % {"a": "x", "b": 42}, "%c%c%c" % (72, 105, 33))
print("%s" % {"k": 1}, "%r" % [1, "a"], "%s %s" % ("a", ("b", "c")), "%x" % 2 ** 40)
print("%.3s|%5.1s|" % ("abcdef", "xyz"), "%i%%" % 50, "%o" % -8, "%u" % 7 if False else "skip")
for bad in [("%d", "x"), ("%z", 1), ("%(k)s", 1)]:
    try:
        print(bad[0] % bad[1])
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
