# the benchmark's list of squares summed
print(sum([x * x for x in range(10000)]), len([x * x for x in range(10000)]))
