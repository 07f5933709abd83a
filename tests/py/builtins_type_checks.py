# type() names of built-in values
vals = [1, 1.5, "s", b"b", bytearray(), [], (), {}, set(), frozenset(), range(1), None, True,
        slice(1), lambda: 0, (x for x in []), zip(), map(str, []), enumerate([])]
for v in vals:
    print(type(v).__name__, end=" ")
print()
print(type(type(1)).__name__, type(object).__name__, type(Exception()).__name__)
