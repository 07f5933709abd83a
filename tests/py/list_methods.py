# list methods
a = [3, 1, 2]
a.append(5); print(a)
a.extend([7, 8]); print(a)
a.extend(range(2)); print(a)
a.insert(0, 9); a.insert(-1, 6); a.insert(100, 4); print(a)
print(a.pop(), a.pop(0), a.pop(-2), a)
a.remove(7); print(a)
print(a.index(2), a.index(1, 2), a.count(1), [1, 1, 2].count(1))
a.reverse(); print(a)
a.sort(); print(a)
a.sort(reverse=True); print(a)
b = a.copy(); b.append(0); print(a, b)
b.clear(); print(b, len(b))
w = ["pear", "Fig", "apple", "kiwi"]
w.sort(key=len); print(w)
w.sort(key=str.lower); print(w)
w.sort(key=lambda s: s[-1], reverse=True); print(w)
try:
    a.remove(100)
except ValueError as e:
    print("ValueError", e)
try:
    [].pop()
except IndexError as e:
    print("IndexError", e)
try:
    a.index(100)
except ValueError as e:
    print("ValueError", e)
