# aliasing: default args, nested lists and function parameters
def add_item(lst, item):
    lst.append(item)
    return lst
a = [1]
b = add_item(a, 2)
print(a, b, a is b)
def rebind(lst):
    lst = [99]
    return lst
print(rebind(a), a)
def slice_assign(lst):
    lst[:] = [0]
slice_assign(a)
print(a, b)
matrix = [[0] * 3 for _ in range(2)]
row = matrix[0]
row[1] = 5
print(matrix)
