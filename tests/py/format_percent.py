# printf-style % formatting
print("%d %i %s %r" % (42, -7, "str", "str"))
print("%5d|%-5d|%05d|%+d|% d" % (42, 42, 42, 42, 42))
print("%x %X %o %#x %#o %c %c" % (255, 255, 8, 255, 8, 65, "z"))
print("%f %.2f %10.3f|%-10.1f|%e %.3E %g %G" % (3.14159, 3.14159, 3.14159, 3.14159, 31415.9, 31415.9, 0.00001, 1e20))
print("%s and %s" % ("a", "b"), "%s" % "single", "%s" % (1,), "%s" % [1, 2], "%s" % ((1, 2),))
print("%(name)s is %(age)d" % {"name": "x", "age": 3}, "100%%" % (), "%%d" % ())
print("%*d|%-*d|%.*f" % (5, 1, 4, 2, 2, 3.14159))
print("%s %s" % (None, True), "%d" % True, "%d" % 3.99, "%.0f" % 2.5, "%.0f" % 3.5)
print("%5s|%-5s|%.2s" % ("ab", "ab", "abcd"))
try:
    "%d %d" % (1,)
except TypeError as e:
    print("TypeError", e)
try:
    "%d" % (1, 2)
except TypeError as e:
    print("TypeError", e)
