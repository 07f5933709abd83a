# open() in text mode: write, read, append, iterate lines
name = "_open_text.tmp"
with open(name, "w") as f:
    n = f.write("line one\n")
    f.write("line two\n")
print(n)
with open(name) as f:
    print(repr(f.read()))
with open(name, "a") as f:
    f.write("line three\n")
with open(name, "r") as f:
    print(f.readline(), end="")
    print(f.readlines())
with open(name) as f:
    for i, line in enumerate(f):
        print(i, line.rstrip())
f = open(name)
print(f.read(4), repr(f.read(5)))
f.close()
with open(name, "w") as f:
    print("via print", 42, file=f)
with open(name) as f:
    print(f.read().split())
