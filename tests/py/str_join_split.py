# split and join round trips and edge cases
print("".split(), "".split(","), " ".split(), "a".split("a"), "aaa".split("a"), "a b".split(" ", 0))
print("a  b".split(" "), "  lead".split(), "trail  ".split(" "), "x,y,,".split(","))
print("a-b-c-d".split("-", 2), "a-b-c-d".rsplit("-", 2), "1 2 3".rsplit(), "a\tb\nc".split())
parts = "k1=v1;k2=v2;k3=v3".split(";")
print(dict(p.split("=") for p in parts))
print(",".join(map(str, [1, 2, 3])), "".join(["x"] * 3), "\n".join(["l1", "l2"]))
try:
    ",".join([1, 2])
except TypeError as e:
    print("TypeError", e)
print("ab".join("123"), " ".join(reversed("a b c".split())))
