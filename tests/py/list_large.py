# bigger lists: building, sorting, slicing and summing
n = 5000
lst = [(i * 2654435761) % 10007 for i in range(n)]
print(len(lst), sum(lst), min(lst), max(lst))
s = sorted(lst)
print(s[:5], s[-5:], s[n // 2])
lst.sort(reverse=True)
print(lst[:3], lst.index(s[0]), lst.count(lst[0]))
evens = [x for x in lst if x % 2 == 0]
print(len(evens), sum(evens) % 1000)
del lst[::2]
print(len(lst), lst[:3])
print(len([0] * 100000), sum(range(100000)))
