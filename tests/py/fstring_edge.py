# f-string corners: braces, format specs from expressions, nested f-strings, conversions with specs
n = 42
name = "val"
print(f"{{}}", f"{{{n}}}", f"{n!r:>6}", f"{name!r:^9}|", f"{f'{n}'}", f"{f'{n:x}':>5}")
print(f"{n:{'>' if n else '<'}{8}}", f"{3.14159:.{1 + 1}f}", f"{'a' + 'b'}", f"{n % 5}", f"{n:,}")
items = {"x": [1, 2]}
print(f"{items['x'][0] + items['x'][1]}", f"{len(items):03d}", f"{'{'}", f"{'}'}", f"{chr(65)}")
print(f"{1 if n > 40 else 0}", f"{(lambda: 'lam')()}", f"{[i for i in range(3)]}")
w = 10
print(f"[{name:<{w}}]", f"[{name:>{w}.2}]", f"[{-n:^+{w}}]", f"{True!s}", f"{None!r}")
