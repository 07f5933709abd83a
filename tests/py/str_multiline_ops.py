# processing multi-line text
text = """name: alpha
size: 10

name: beta
size: 25
"""
records = []
cur = {}
for line in text.splitlines():
    if not line.strip():
        records.append(cur)
        cur = {}
        continue
    k, v = line.split(": ")
    cur[k] = int(v) if v.isdigit() else v
records.append(cur)
print(records, sum(r["size"] for r in records))
print(len(text), text.count("\n"), text.upper().splitlines()[0], repr(text[-6:]))
out = "\n".join("%-6s|%4d" % (r["name"], r["size"]) for r in records)
print(out)
