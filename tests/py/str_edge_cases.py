# str methods at their edges
print("they're bill's".title(), "hELLO wORLD".capitalize(), "+42".zfill(6), "-".zfill(3), "abc".zfill(2))
print("a\rb\nc\r\nd".splitlines(), "a\r\nb\n".splitlines(True), "".splitlines(), "\n".splitlines())
print("aaaa".count("aa"), "aaaa".replace("aa", "b"), "abc".replace("", "|", 2), "ab".replace("", "-"))
print("abc".find("c", -1), "abc".find("a", -10, -2), "abc"[-10:10], "abc".rfind("", 1), "abcabc".rindex("b", -3))
print("x".center(4, "*"), "x".center(5, "*"), "ab".center(5, "*"), "abc".ljust(6, "-"), "abc".rjust(6, "-"))
print("Mixed Case".swapcase(), "ß".lower(), "ABC".isupper() and "abc".islower(), "A1".isupper(), "1".isupper())
for bad in [lambda: "a".partition(""), lambda: "a".center(5, "ab"), lambda: "a".count(1), lambda: "abc".index("z", 1)]:
    try:
        bad()
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
print("a,b".split(",", -1), "a,b,c".split(",", 0), "a b".split(maxsplit=-1), ",".join(x for x in "xyz"))
