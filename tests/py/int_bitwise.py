# bitwise operators on ints, including negative numbers
print(12 & 10, 12 | 10, 12 ^ 10, ~12, ~-1, ~0)
print(1 << 4, 256 >> 3, -256 >> 3, -1 >> 10, 1 << 0)
print(-12 & 10, -12 | 10, -12 ^ 10, -12 & -10)
print(0xFF & 0x0F, 0o17 | 0b1000, 0b1010 ^ 0b0110)
x = 0b1111
x &= 0b1010; print(x)
x |= 0b0101; print(x)
x ^= 0b0011; print(x)
x <<= 2; print(x)
x >>= 1; print(x)
print(1 << 40, (1 << 40) >> 39, (1 << 40) & ((1 << 38) + 1))
print(-(1 << 40) >> 3, ~(1 << 35))
print(1 & 2 | 4 ^ 8, 1 | 2 << 3, 6 & 3 == 2)
