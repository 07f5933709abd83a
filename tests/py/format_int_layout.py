# Int format specs laid out in one piece: every alignment, fill, sign, alternate form and
# zero padding, with and without grouping; f-strings and joins of non-ASCII text keep their
# length in characters.
for spec in ["", "5", "<6", ">6", "^7", "=8", "*^9", "+", " ", "-", "+08", "08", "#x", "#010x",
             "#o", "#b", "X", "x<8", "0=+9", ",", "_", "012,", "+012_", ">+10,", "#012_b", "c"]:
    for v in [0, 7, -42, 65, 123456789, -(2 ** 70)]:
        if spec == "c" and not 0 <= v < 0x110000:
            continue
        try:
            print(repr(spec), repr(format(v, spec)), repr("{:{}}".format(v, spec)))
        except ValueError as e:
            print(repr(spec), "ValueError", e)
print("{:04d}|{:>5}|{:<5}|{:^5}|".format(7, 12, -3, 1))
name = "héllo"
s = f"{name}:{len(name)}:{name!r}:{3:03}"
print(s, len(s))
t = ",".join(["ünï", "", "cödé", "x"])
print(t, len(t), t[5], t[-1])
print(len("".join([])), repr("".join(["only"])), len("€".join(["a", "b"])))
print(repr("-".join("abc")), ("n" + str(12) + "=" + "{:04d}".format(12) + ";%s" % "x"))
