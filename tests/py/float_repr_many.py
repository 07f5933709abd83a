# shortest repr and exact parsing over many generated doubles
seed = 12345
def rnd():
    global seed
    seed = (seed * 1103515245 + 12345) % 2147483648
    return seed
vals = []
for i in range(300):
    m = rnd() / 2147483648
    e = rnd() % 80 - 40
    vals.append(m * 10.0 ** e)
    vals.append(rnd() / (rnd() + 1))
ok = all(float(repr(v)) == v for v in vals)
print(ok, len(vals))
for v in vals[:40]:
    print(repr(v), str(-v), "%.6g" % v, "%.3e" % v)
print(sum(len(repr(v)) for v in vals))
