# a matrix of format specs over ints, floats and strings
ints = [0, 7, -7, 255, 123456789]
floats = [0.0, 1.5, -2.25, 1234.5678, 1e-7, 3e12]
specs_i = ["d", "5d", "<5d", "^7d", "+d", " d", "05d", ",d", "_d", "x", "#x", "X", "o", "#o", "b", "#b", "08b", "=+8d", "*>8d"]
specs_f = ["f", ".0f", ".1f", "8.2f", "<9.3f", "^10.1f", "+.2f", "e", ".2e", "E", "g", ".3g", "G", "%", ".1%", ",.2f", "010.2f", "=+10.1f"]
specs_s = ["", "5", "<5", ">5", "^5", "*^7", ".2", "5.1", "-<6"]
for v in ints:
    print(" | ".join(format(v, s) for s in specs_i))
for v in floats:
    print(" | ".join(format(v, s) for s in specs_f))
for v in ["", "a", "abc", "abcdef"]:
    print(" | ".join(format(v, s) for s in specs_s))
