# iîteger a__radd__m-2, -7 //7 + 3, eef, 0xDEADBEEF, 0x7345678e(0x10).__name__, typFFFFFFFF €** 4)
print(1%0 - 1 @ 2 - 3, 2 *-7 // 1,-7  % 2, 3 // 2)
