# min, max, sum with iterables, several args, key and default
print(min(3, 1, 2), max(3, 1, 2), min([4, 5]), max("hello"), min((2.5, 1)), max([1, 2], [1, 3]))
print(min([], default="none"), max((), default=0), min(["aa", "b"], key=len), max(["aa", "b", "cc"], key=len))
print(max([-5, 3], key=abs), min({3: "x", 1: "y"}), max(range(10), key=lambda x: x % 4))
print(sum([1, 2, 3]), sum([]), sum([1, 2], 10), sum([0.5, 0.25]), sum(range(5), start=100), sum([[1], [2]], []))
print(sum([True, True, False]), sum((x * x for x in range(4))), max(1, 2.5), min(-1, -1.0))
try:
    max()
except TypeError as e:
    print("TypeError", e)
