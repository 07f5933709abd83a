# pow(base, -exp, mod): the modular inverse raised to exp (Python 3.8), for small and big ints
# and negative moduli; ValueError when the base has no inverse.
cases = [(2, -1, 7), (3, -2, 11), (-3, -1, 7), (3, -1, -7), (2, -1, 1), (10**30 + 1, -1, 7),
         (5, -3, 10**20 + 39), (7, -1, 2**64), (12345, -1, 2**61 - 1), (-7, -5, -(2**70 + 1))]
for b, e, m in cases:
    r = pow(b, e, m)
    print(r, (r * pow(b, -e, m)) % m == 1 % m)
for b, e, m in [(0, -1, 5), (2, -1, 4), (6, -3, 9), (10**20, -1, 10**10)]:
    try:
        print(pow(b, e, m))
    except ValueError as x:
        print('ValueError:', x)
try:
    pow(2, -1, 0)
except ValueError as x:
    print('ValueError:', x)
