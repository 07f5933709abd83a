# integer literal forms
print(0, 00, 0x10, 0X10, 0o10, 0O10, 0b10, 0B10)
print(1_000, 0x_ff, 0b_1010_1010, 0o_7_7)
print(123456789 * 1000000000)
print(0xdeadbeef, 0xDEADBEEF, 0x7FFFFFFFFFFF)
print(-0x10, +0o7, ~0b0)
print(type(0x10).__name__, type(10 ** 12).__name__)
