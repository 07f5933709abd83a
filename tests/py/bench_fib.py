# the benchmark's recursive fib, small
def fib(n): return n if n < 2 else fib(n - 1) + fib(n - 2)
print([fib(i) for i in range(12)], fib(18))
