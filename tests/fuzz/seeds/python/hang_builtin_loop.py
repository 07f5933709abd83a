print(sum(range(10 ** 12)))
print(max(iter(int, 1)))
