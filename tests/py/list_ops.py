# list operators: +, *, in, comparison, nesting
a = [1, 2]
b = [3]
print(a + b, a * 2, 3 * b, [] * 5, a + [], [0] * 3)
print(1 in a, 3 in a, 3 not in a, [1, 2] == a, [1, 2] != [2, 1])
print([1, 2] < [1, 3], [1, 2] < [1, 2, 0], [2] > [1, 9], [] < [0], [[1]] == [[1]])
c = a
c += [9]
print(a, c is a)
c = c + [10]
print(a, c, c is a)
m = [[0] * 2 for _ in range(2)]
m[0][0] = 1
print(m)
n = [[0] * 2] * 2
n[0][0] = 1
print(n)
print(len([]), len([[], []]), list(), list((1, 2)), list(range(3)), list("ab"))
x = [1, [2, [3, [4]]]]
print(x[1][1][1][0], x)
s = [5, 3, 8]
print(sum(s), max(s), min(s), sorted(s), s, any(s), all([1, 0]))
a *= 2
print(a)
