# composed generators processing a stream
lines = ["# comment", "temp=21", "", "hum=40", "bad line", "temp=23"]
def strip_comments(src):
    for l in src:
        if l and not l.startswith("#"):
            yield l
def parse(src):
    for l in src:
        if "=" in l:
            k, v = l.split("=")
            yield k, int(v)
def group(src):
    out = {}
    for k, v in src:
        out.setdefault(k, []).append(v)
    return out
print(group(parse(strip_comments(lines))))
def chunks(seq, n):
    for i in range(0, len(seq), n):
        yield seq[i:i + n]
print(list(chunks(list(range(7)), 3)), ["".join(c) for c in chunks("abcdefg", 2)])
