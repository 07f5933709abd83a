# iterating over strings and building them
s = "abc"
for ch in s:
    print(ch, end=" ")
print()
for i, ch in enumerate(s):
    print(i, ch)
print([c * 2 for c in s], "".join(reversed(s)), list(map(ord, s)))
it = iter("xy")
print(next(it), next(it), next(it, "end"))
print(", ".join(str(n) for n in range(5)))
words = "the quick brown fox".split()
print(sorted(words), sorted(words, key=len), max(words, key=len), [w[0] for w in words])
print(" ".join(w.capitalize() for w in words))
