# split/rsplit on whitespace with maxsplit, and strip of various whitespace
s = "  alpha \t beta\n gamma  delta  "
print(s.split(), s.split(None, 1), s.split(None, 2), s.rsplit(None, 1), s.rsplit(None, 2))
print(s.split(" ", 3), s.strip().split(maxsplit=1), "a\x0bb\x0cc\rd".split(), "".split(None, 1))
print(" \t\n x \r\n".strip(), repr(" \t\n x \r\n".lstrip()), repr("x\n\n".rstrip("\n")))
print("one\ttwo".expandtabs(8).split("  "), "k = v".split("=", 1), [p.strip() for p in "k = v".split("=")])
