# dicts with int keys, negative and big
d = {}
for i in range(-5, 6):
    d[i] = i * i
print(d)
d[2 ** 40] = "big"
d[-(2 ** 40)] = "negbig"
print(d[2 ** 40], d[-(2 ** 40)], len(d), 2 ** 40 in d, 2 ** 41 in d)
sq = {n: n ** 2 for n in range(0, 1000, 37)}
print(sum(sq.values()), sorted(sq)[-2:], sq.get(37), sq.get(38))
m = {}
for i in range(500):
    m[i * 7 % 500] = i
print(len(m), m[0], m[7], m[499], list(m)[:5])
