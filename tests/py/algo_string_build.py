# building strings: join, repeated concatenation and formatting agree
parts = []
s = ""
for i in range(200):
    parts.append(str(i))
    s += str(i)
print(s == "".join(parts), len(s), s[:20], s[-10:])
table = "\n".join("%3d %5s %-4s|" % (i, bin(i)[2:], hex(i)[2:]) for i in range(0, 20, 4))
print(table)
print(", ".join("{}={}".format(k, v) for k, v in zip("abc", range(3))))
