# loop variables after the loop, loops over changing containers
for i in range(5):
    pass
print(i)
for ch in "xyz":
    last = ch
print(ch, last)
lst = [1, 2, 3]
for v in lst:
    if v == 1:
        lst.append(4)
print(lst)
total = 0
for a, b in [(1, 2), (3, 4)]:
    total += a * b
print(total)
for k, v in sorted({"b": 1, "a": 2}.items()):
    print(k, v)
for x in range(3):
    x = x * 100
print(x)
