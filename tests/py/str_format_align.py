# tables built with width and alignment specs
rows = [("apple", 3, 1.25), ("kiwi", 12, 0.5), ("watermelon", 1, 3.0)]
print("{:<12}{:>5}{:>8}".format("name", "qty", "price"))
for name, q, p in rows:
    print("{:<12}{:>5d}{:>8.2f}".format(name, q, p))
print("-" * 25)
print("{:<12}{:>5d}{:>8.2f}".format("total", sum(r[1] for r in rows), sum(r[1] * r[2] for r in rows)))
for name, q, p in rows:
    print(f"{name:.<12}{q:.>5}{p:.>8.1f}")
