s = "abc".ljust(5, "é")
print(s, s[-1], len(s), s[::-1])
