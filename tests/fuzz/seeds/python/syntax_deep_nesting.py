# deeply nested expressions and long expressions compile and evaluate
depth = 50
print(eval("(" * depth + "1" + ")" * depth))
print(len(eval("[" * depth + "]" * depth)))
print(eval(" + ".join(["1"] * 1000)), eval(" * ".join(["2"] * 60)))
print(eval("-" * 101 + "5"), eval("not " * 10 + "True"))
src = "x = 0\n"
for i in range(20):
    src += "    " * i + "if True:\n"
src += "    " * 20 + "x = 20\n"
ns = {}
exec(src, ns)
print(ns["x"])
nested = {"a": [1, {"b": (2, [3, {"c": [4, 5, {"d": 6}]}])}]}
print(nested["a"][1]["b"][1][1]["c"][2]["d"])
print(eval("[" + ", ".join(str(i) for i in range(2000)) + "]")[-1])
print(eval("{" + ", ".join("%d: %d" % (i, i * i) for i in range(500)) + "}")[499])
