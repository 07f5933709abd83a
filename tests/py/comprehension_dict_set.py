# dict and set comprehensions
print({x: x * x for x in range(5)}, {k: v for k, v in [("a", 1), ("b", 2)] if v > 1})
print({c: i for i, c in enumerate("hello")}, {str(n): n % 2 == 0 for n in range(3)})
words = ["apple", "bob", "cat", "axe"]
print({w[0]: w for w in words}, sorted({len(w) for w in words}), {n % 3 for n in range(10)} == {0, 1, 2})
print({(a, b): a * b for a in range(2) for b in range(2)})
inv = {v: k for k, v in {"x": 1, "y": 2}.items()}
print(inv, sorted({c for c in "mississippi"}))
print(type({x for x in ()}).__name__, type({x: 1 for x in ()}).__name__)
