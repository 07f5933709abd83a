# the benchmark's loop, small: i += 1 in a function
def loop(n):
    i = 0
    while i < n:
        i += 1
    return i
print(loop(100000), loop(0), loop(1))
