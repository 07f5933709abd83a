# string ordering is by code point
words = ["banana", "Apple", "cherry", "apple", "Banana", "", "a", "ab"]
print(sorted(words))
print(sorted(words, key=lambda w: (len(w), w)))
print(max(words), min(words), "a" < "b", "B" < "a", "é" > "z", "10" < "9")
print(sorted(["b2", "a10", "a9"]), "abc" == "abc", words is not None)
