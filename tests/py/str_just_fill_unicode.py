# center, ljust and rjust with a fill character that takes several bytes in UTF-8
for s in ["abc".ljust(5, "é"), "abc".rjust(6, "€"), "ab".center(7, "😀"), "é".center(4), "x".ljust(3, "-")]:
    print(repr(s), len(s), s[-1], s.encode())
try:
    "ab".center(3, "xy")
except TypeError as e:
    print(e)
