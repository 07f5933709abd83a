# matrix multiply, transpose and determinant with lists
def matmul(a, b):
    return [[sum(a[i][k] * b[k][j] for k in range(len(b))) for j in range(len(b[0]))] for i in range(len(a))]
def transpose(m):
    return [list(r) for r in zip(*m)]
def det(m):
    if len(m) == 1:
        return m[0][0]
    return sum((-1) ** j * m[0][j] * det([r[:j] + r[j + 1:] for r in m[1:]]) for j in range(len(m)))
a = [[1, 2], [3, 4]]
b = [[5, 6], [7, 8]]
print(matmul(a, b), transpose([[1, 2, 3], [4, 5, 6]]), det(a), det([[2, 0, 1], [1, 3, 2], [1, 1, 1]]))
ident = [[int(i == j) for j in range(3)] for i in range(3)]
print(matmul(ident, [[1, 2, 3], [4, 5, 6], [7, 8, 9]]))
