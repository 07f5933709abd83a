# f-strings: expressions, conversions and nesting
name = "world"
n = 7
items = [1, 2, 3]
d = {"k": "v"}
print(f"hello {name}", f"{n + 1}", f"{n * 2}-{n // 2}", f"{items[1]}", f"{d['k']}")
print(f"{name!r}", f"{name!s}", f"{'é'!a}", f"{len(items)}", f"{name.upper()}")
print(f"{{braces}}", f"{n}{{}}", F"upper F {n}", f"{'nested'}", f"{ {'a': 1}['a'] }")
print(f"{n if n > 5 else 0}", f"{[x * 2 for x in items]}", f"{(lambda v: v + 1)(n)}")
x = 3.14159
print(f"{x:.2f}", f"{n:05d}", f"{name:>10}|", f"{name:^11}|", f"{n:x}")
w = 8
p = 3
print(f"{x:{w}.{p}f}|", f"{x:{w}}|")
print(rf"raw {n}\n", fr"{name}\t")
print(f"multi {n}"
      f" part {name}")
print(f"""triple {n}
line""")
