# round() results: type and ties to even
for v in [0.5, 1.5, 2.5, -0.5, -1.5, 2.675, 1.25, 0.125, 12.5, 1e15]:
    print(v, round(v), round(v, 1), round(v, 2), type(round(v)).__name__)
print(round(1234, -2), round(1250, -2), round(1350, -2), round(-1250, -2), round(5, 2))
