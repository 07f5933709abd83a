# the benchmark's string formats and joins
out = []
joined = []
for i in range(10000):
    out.append('n' + str(i) + '=' + '{:04d}'.format(i) + ';%s' % 'x')
    if len(out) == 100:
        joined.append(','.join(out))
        out = []
print(len(joined), joined[0][:40], joined[-1][-30:], sum(len(j) for j in joined))
