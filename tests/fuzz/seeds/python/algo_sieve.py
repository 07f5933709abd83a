# sieve of Eratosthenes with a bytearray and a list
def sieve(n):
    flags = bytearray([1]) * (n + 1)
    flags[0] = flags[1] = 0
    i = 2
    while i * i <= n:
        if flags[i]:
            flags[i * i::i] = bytes(len(range(i * i, n + 1, i)))
        i += 1
    return [k for k in range(n + 1) if flags[k]]
p = sieve(1000)
print(len(p), p[:10], p[-3:], sum(p))
