# sorted and reversed
print(sorted([3, 1, 2]), sorted([3, 1, 2], reverse=True), sorted("cab"), sorted((2, 1)), sorted({3: 0, 1: 0}))
print(sorted(["bb", "a", "ccc"], key=len), sorted([-3, 2, -1], key=abs), sorted([]), sorted(range(3), key=lambda x: -x))
data = [("b", 2), ("a", 2), ("c", 1)]
print(sorted(data, key=lambda t: t[1]), sorted(data))
print(list(reversed([1, 2, 3])), list(reversed("abc")), list(reversed(range(3))), list(reversed((1, 2))))
r = reversed([1, 2])
print(next(r), next(r), next(r, None))
words = ["b", "A", "c", "B"]
print(sorted(words), sorted(words, key=str.lower), sorted(words, key=str.lower, reverse=True))
try:
    sorted([1, "a"])
except TypeError as e:
    print("TypeError", e)
