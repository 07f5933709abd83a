# f-strings with nested quotes, dicts, method calls and nested format specs
d = {"name": "x", "vals": [1, 2, 3]}
print(f"{d['name']}-{d['vals'][-1]}", f'{d["name"]}', f"{len(d['vals']):03}")
print(f"{'-'.join(str(v) for v in d['vals'])}", f"{sum(d['vals']) / len(d['vals']):.2f}")
width = 6
for v in (1, 22, 333):
    print(f"|{v:>{width}}|{v:<{width}}|{v:^{width}}|")
print(f"{'a' if d else 'b'}", f"{d.get('zz', 'none')}", f"{str(3.0):>5}", f"{3!r:>3}")
obj = [1.5, 2.25]
print(f"{obj[0]:{'.1f'}}", f"{obj}", f"{obj!s:>12}|")
