# common str methods
s = "Hello, World"
print(s.upper(), s.lower(), s.swapcase(), s.title(), "hello world".capitalize())
print(s.find("o"), s.find("o", 5), s.find("z"), s.rfind("o"), s.index("W"), s.rindex("l"))
print(s.count("l"), s.count("l", 4), s.count(""), s.startswith("Hell"), s.endswith("ld"))
print(s.startswith(("x", "He")), s.endswith("o", 0, 5), s.replace("l", "L"), s.replace("l", "L", 2))
print("  pad  ".strip() + "|", "  pad  ".lstrip() + "|", "  pad  ".rstrip() + "|", "xxaxx".strip("x"))
print("a,b,,c".split(","), "a b  c ".split(), "a,b,c".split(",", 1), "a,b,c".rsplit(",", 1))
print("line1\nline2\r\nline3".splitlines(), "x\ny\n".splitlines(True))
print("-".join(["a", "b", "c"]), "".join([]), ", ".join("xyz"))
print("abc".isalpha(), "abc1".isalnum(), "123".isdigit(), "12a".isdigit(), "   ".isspace(), "".isspace())
print("abc".islower(), "ABC".isupper(), "Abc".islower(), "Title Case".istitle(), "x1".isidentifier())
print("ab".center(6, "*"), "ab".ljust(5, ".") + "|", "ab".rjust(5) + "|", "42".zfill(5), "-42".zfill(5))
print("a\tb".expandtabs(4), "k=v=w".partition("="), "k=v=w".rpartition("="), "kv".partition("="))
print("prefix_name".removeprefix("prefix_"), "file.py".removesuffix(".py"), "abc".removeprefix("x"))
try:
    "abc".index("d")
except ValueError as e:
    print("ValueError", e)
