# uncaught TypeError from ordering unlike types
items = [3, 1, 2]
items.sort()
print(items)
items.append("four")
items.sort()
