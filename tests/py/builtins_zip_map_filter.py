# zip, map, filter are lazy iterators
print(list(zip([1, 2, 3], "abc")), list(zip()), list(zip([1, 2], [3])), list(zip("ab", "cd", "ef")))
print(list(map(str, [1, 2])), list(map(lambda a, b: a * b, [1, 2, 3], [4, 5])), list(map(abs, [-1, 2])))
print(list(filter(None, [0, 1, "", "a", None, [], [0]])), list(filter(lambda x: x > 1, [1, 2, 3])))
z = zip("ab", range(10))
print(next(z), list(z), list(z))
m = map(lambda x: x * 10, range(3))
print(next(m), list(m))
pairs = [(1, "a"), (2, "b")]
nums, chars = zip(*pairs)
print(nums, chars, dict(zip(chars, nums)))
print(type(zip()).__name__, type(map(str, [])).__name__, type(filter(None, [])).__name__)
