# str.format: positional, keyword, index, attribute and spec
print("{} {}".format("a", "b"), "{1} {0} {1}".format("x", "y"), "{name}={val}".format(name="k", val=3))
print("{0[1]} {0[0]}".format(["p", "q"]), "{d[key]}".format(d={"key": "v"}))
class P:
    x = 10
    y = 20
print("{0.x},{0.y}".format(P()))
print("{:>6}|{:<6}|{:^6}|{:*^7}|{:06d}".format("r", "l", "c", "s", 42))
print("{:d} {:x} {:X} {:o} {:b} {:#x} {:#o} {:#b}".format(255, 255, 255, 8, 5, 255, 8, 5))
print("{:,} {:_} {:+d} {: d} {:e}".format(1234567, 1234567, 5, 5, 1500.0))
print("{:.3} {:10.2f}| {!r} {!s} {!a}".format("abcdef", 2.5, "q", "q", "é"))
print("{{literal}} {}".format(1), "{:{w}.{p}f}".format(3.14159, w=8, p=2))
print("{:c}".format(65), "{:%}".format(0.125), "{:5}|{:<5}|".format(7, 7))
print("{0}{0}".format("ab"), "{:s}".format("str"), "{}".format(None), "{}".format([1, 2]))
