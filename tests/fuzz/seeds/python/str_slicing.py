# indexing and slicing strings
s = "abcdefghij"
print(s[0], s[-1], s[3], s[-3])
print(s[2:5], s[:3], s[7:], s[-3:], s[:-7], s[:], s[5:2])
print(s[::2], s[1::2], s[::-1], s[8:2:-2], s[-1:-4:-1], s[::3])
print(s[100:], s[-100:3], s[3:100], repr(s[10:]), s[2:-2])
print(s[slice(1, 4)], s[slice(None, None, -3)], slice(1, 5, 2))
i, j = 2, 6
print(s[i:j], s[i:], s[:j], len(s[i:j]))
try:
    s[10]
except IndexError as e:
    print("IndexError", e)
try:
    s[0] = "z"
except TypeError as e:
    print("TypeError", e)
