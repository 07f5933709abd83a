# big-int identities over generated operands: divmod, multiplication, powers, shifts
seed = 987654321
def rnd(bits):
    global seed
    r = 0
    for _ in range(bits // 30 + 1):
        seed = (seed * 6364136223846793005 + 1442695040888963407) % (1 << 64)
        r = (r << 30) | (seed >> 34)
    return r >> ((bits // 30 + 1) * 30 - bits)
bad = 0
checks = 0
for i in range(200):
    a = rnd(40 + i * 3) - rnd(30 + i * 2)
    b = rnd(10 + i) + 1
    if i % 3 == 0:
        b = -b
    q, r = divmod(a, b)
    checks += 1
    if q * b + r != a or not (0 <= r < b if b > 0 else b < r <= 0):
        bad += 1
    if (a * b) // b != a or (a << 37) >> 37 != a or (a ^ b) ^ b != a:
        bad += 1
print(checks, bad)
x = rnd(500)
y = rnd(300) + 1
print(x % 1000007, y % 1000007, (x * y) % 1000007, (x // y) % 1000007, len(str(x)), len(str(x * x)))
print(pow(x, 65537, y) == pow(x % y, 65537, y), pow(3, x, 10 ** 9 + 7), x.bit_length(), (-x).bit_length())
print(str(x)[:30], hex(y)[:20], int(str(x)) == x, int(hex(y), 16) == y, -x // 7 == -(x // 7) - (x % 7 != 0))
