# integer algorithms on big numbers: gcd, factorial digits, powers, isqrt
def gcd(a, b):
    while b:
        a, b = b, a % b
    return a
def isqrt(n):
    x = n
    y = (x + 1) // 2
    while y < x:
        x = y
        y = (x + n // x) // 2
    return x
f = 1
for i in range(2, 101):
    f *= i
print(sum(int(c) for c in str(f)), len(str(f)), gcd(f, 2 ** 200) == 2 ** 97)
print(isqrt(10 ** 40), isqrt(2 * 10 ** 30), isqrt(99), gcd(2 ** 64 - 1, 2 ** 32 - 1))
a, b = 0, 1
for _ in range(300):
    a, b = b, a + b
print(a % 10 ** 12, len(str(a)))
print(pow(2, 521) - 1 > 10 ** 156, (2 ** 127 - 1) % 1000000007)
