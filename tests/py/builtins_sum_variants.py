# sum over ints, floats, bigints, tuples of numbers
print(sum(range(1000)), sum(x / 4 for x in range(5)), sum([2 ** 40, 2 ** 40]), sum([1, 2.5]), sum([-1] * 3))
print(sum([[1, 2], [3]], []), sum(((1,), (2,)), ()), sum({1: "a", 2: "b"}), sum([True] * 5))
try:
    sum(["a", "b"], "")
except TypeError as e:
    print("TypeError", e)
