# json: dumps and loads round trips
import json
data = {"name": "sensor", "vals": [1, 2.5, None, True, False], "nested": {"k": "v"}, "n": -3}
s = json.dumps(data)
print(s)
print(json.loads(s) == data, json.loads("[1, 2, 3]"), json.loads('"\\u00e9"'), json.loads("  {} "))
print(json.dumps("é"), json.dumps([]), json.dumps(1e20), json.dumps({"a": [1, {"b": None}]}))
print(json.dumps({"b": 1, "a": 2}, sort_keys=True), json.dumps([1, 2], separators=(",", ":")))
try:
    json.loads("{bad json}")
except ValueError as e:
    print("ValueError")
