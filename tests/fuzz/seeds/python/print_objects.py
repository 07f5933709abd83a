# printing of nested containers and special floats
print([1, [2, [3, []]]], (1, (2,)), {"a": {"b": {}}}, [(), [], {}, set()])
print([1.0, 0.5, -0.0, 1e100, float("inf")], {1: 2.5}, (0.1,))
print(["a", 'b"', "c'"], [b"x", bytearray(b"y")], [None, True, False])
print({"k": (1, [2, {3: "v"}])})
print([range(2), slice(1, 2)])
print(str([1, "2"]), repr([1, "2"]), [str(1), repr("2")])
