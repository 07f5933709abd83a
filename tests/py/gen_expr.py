# generator expressions
g = (x * x for x in range(5))
print(type(g).__name__, next(g), list(g), list(g))
print(sum(x for x in range(10) if x % 2), max(len(w) for w in ["a", "abc", "ab"]))
print(list((x, y) for x in range(3) for y in range(x)))
print(any(c == "z" for c in "abc"), all(n > 0 for n in [1, 2]))
print(sorted((n % 3, n) for n in range(6)))
print(", ".join(str(i) for i in range(3)), tuple(c.upper() for c in "hi"))
data = [3, 1, 2]
gen = (d * 10 for d in data)
data.append(4)
print(list(gen))
print(dict((k, k * 2) for k in range(3)), set(x % 2 for x in range(5)) == {0, 1})
