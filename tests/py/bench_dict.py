# the benchmark's dict inserts and lookups with str keys
d = {}
for i in range(10000):
    d['k' + str(i)] = i
total = 0
for i in range(10000):
    total += d['k' + str(i)]
print(len(d), total, d['k9999'], list(d)[:3])
