# operator precedence and associativity as the grammar defines them
print(-2 ** 2, (-2) ** 2, 2 ** -1, 2 ** 3 ** 2, -2 ** -2, not 1 == 2, not (1 == 2) + 1)
print(1 + 2 * 3 ** 2, 10 - 4 - 3, 100 / 10 / 5, 2 * 3 % 4, 7 // 2 * 2, -7 // 2, ~5 + 1, ~-1 * 3)
print(1 | 2 ^ 3 & 4, 1 << 2 + 1, 16 >> 1 >> 1, 5 & 3 == 1, (5 & 3) == 1, 1 + 1 == 2 and 3 > 2)
print(True or False and False, (True or False) and False, not True or True, not (True or True))
print(1 if True else 2 + 10, (1 if False else 2) + 10, 0 or 1 if 0 else 2, [x for x in range(3) if x or not x])
f = lambda: 1 if False else 2
print(f(), (lambda x: x * 2)(3) + 1, 3 in [3] == True, (3 in [3]) == True, 2 < 3 == 3)
x = 5
print(x > 3 and x < 10, x if x > 3 else -x, -x if x < 0 else +x, x - -x, x--x, x+-+x)
print("a" "b" * 2, ("a" "b") * 2, [1, 2][1:] * 2, -[1, 2][0], not [], not [0])
print(2 ** 2 ** -1, (2 ** 2) ** -1, 10 % 3 ** 2, -3 % 5, (-3) % 5, -(3 % 5))
