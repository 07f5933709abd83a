# uncaught modulo by zero inside nested calls
def inner(n):
    return 10 % n
def outer(n):
    return inner(n) + 1
print(outer(3))
outer(0)
