# uncaught exception inside a lambda called by a builtin
values = [3, 1, 0, 2]
print(sorted(values, key=lambda v: -v))
print(list(map(lambda v: 12 // v, values)))
