# uncaught exception inside a generator expression consumed by sum()
values = [4, 2, 0, 1]
print(sum(8 // v for v in values[:2]))
print(sum(8 // v for v in values))
