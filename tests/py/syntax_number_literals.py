# number literals: malformed ones are SyntaxErrors with CPython's messages, long ones keep
# every digit, underscores only between digits
bad = ["0x", "0x_", "0xg", "0b2", "0b", "0b12", "0o9", "0o", "0o7e", "1_", "1__0", "1_.5",
       "1._5", "1e", "1e+", "1e_5", "1_e5", "1ee5", "0b1_", "00_1", "1jj"]
for src in bad:
    try:
        exec(src, {})
        print("accepted:", src)
    except SyntaxError as e:
        print(src, "->", e.msg)
print(0x_1, 0xFF_ff, 0_0, 1e5_0, 0.0_1, 1_000.000_1e1_0, 5., .5, 1..real)
print(123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890)
print(0x123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef0123456789)
print(1.0000000000000000000000000000000000000000000000000000000000000000000000000000000000000001)
print(0.00000000000000000000000000000000000000000000000000000000000000000000000000000000000000012)
