# nested dicts and counting patterns
text = "the cat and the hat and the bat"
counts = {}
for w in text.split():
    counts[w] = counts.get(w, 0) + 1
print(counts, max(counts, key=counts.get))
groups = {}
for w in text.split():
    groups.setdefault(w[-2:], []).append(w)
print(groups)
tree = {"a": {"b": {"c": 1}}, "x": [1, {"y": 2}]}
print(tree["a"]["b"]["c"], tree["x"][1]["y"])
tree["a"]["b"]["d"] = 2
print(tree)
print(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))
