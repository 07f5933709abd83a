# map with several iterables and builtins as functions
print(list(map(pow, [2, 3], [3, 2])), list(map(max, [1, 5], [4, 2], [3, 3])))
print(list(map(len, ["a", "bb", ""])), list(map(str.upper, "ab")), list(map(int, "123")))
print(list(map(lambda *a: sum(a), [1, 2], [3, 4], [5, 6])), list(map(divmod, [7, 9], [2, 4])))
print(list(filter(str.isdigit, "a1b2")), list(filter(lambda kv: kv[1], {"a": 0, "b": 1}.items())))
