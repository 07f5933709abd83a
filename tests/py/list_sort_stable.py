# sort is stable and accepts key and reverse
recs = [("a", 3), ("b", 1), ("c", 3), ("d", 2), ("e", 1)]
print(sorted(recs, key=lambda r: r[1]))
print(sorted(recs, key=lambda r: r[1], reverse=True))
lst = list(recs)
lst.sort(key=lambda r: r[0], reverse=True)
lst.sort(key=lambda r: r[1])
print(lst)
nums = [5, -3, 2, -8, 0]
nums.sort(key=abs)
print(nums, sorted(nums, key=lambda x: -x), sorted([3.5, 1, 2.25, -1]))
big = [(i * 7919) % 1000 for i in range(200)]
print(sorted(big)[:10], sorted(big)[-5:], len(sorted(big)), sorted(big) == sorted(big, reverse=True)[::-1])
