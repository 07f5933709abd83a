# floor division and modulo follow the sign of the divisor
for a in (7, -7, 0, 13, -13):
    for b in (2, -2, 5, -5):
        q, r = a // b, a % b
        assert q * b + r == a
        print(a, b, q, r, divmod(a, b) == (q, r), a / b)
print(2 ** 40 // -3, 2 ** 40 % -3, -(2 ** 40) // 3, -(2 ** 40) % 3)
