# str methods, formatting (f-strings, %, format), slicing, unicode length
s = "  Hello, World  "
print(repr(s.strip()), s.lstrip()[:5], s.rstrip()[-5:], s.lower().strip(), s.split())
print("a,b,,c".split(","), "a b  c".split(None, 1), "x=1;y=2".partition(";"), "k:v:w".rsplit(":", 1))
print("-".join(["a", "b"]), "abc".replace("b", "BB"), "hello".find("l"), "hello".rfind("l"), "hello".count("l"))
print("py".center(8, "*"), "7".zfill(3), "-7".zfill(4), "ab".ljust(4) + "|", "ab".rjust(4))
print("Hello".startswith(("x", "He")), "file.py".endswith(".py"), "Title case words".title(), "ABC".isupper())
name, n, pi = "upy", 42, 3.14159
print(f"{name!r:>8}|{n:05d}|{pi:.3f}|{n:x}|{n:#b}|{1234567:,}|{0.25:.1%}|{n=}")
print("%s is %d years, %5.2f%% done, %-4s|%x %o %e" % ("it", 7, 12.345, "ab", 255, 8, 12345.678))
print("{0}-{1}-{0}".format("a", "b"), "{name} {n:>4}".format(name="x", n=3), "{:^7}".format("mid"))
print("{0[1]} {1.real}".format([5, 6], 3), format(3.5, "08.2f"), format("s", "<3") + "|")
u = "héllo wörld"
print(len(u), u[1], u[-5:], u.upper(), u.encode()[:3], "é" in u, u.index("w"))
print("abcdef"[::2], "abcdef"[::-1], "abcdef"[1:-1], "abcdef"[10:], ord("A"), chr(0x263a))
print(str(12), str(1.5), str(None), str([1, "a"]), repr("q'uote"), repr('d"q'), ascii("é"))
print("%(a)s=%(b)d" % {"a": "k", "b": 3}, "%r" % [1], "%c%c" % (65, "b"), "%.3s" % "abcdef")
