# editing a file in place: r+, a+, seek, tell, readline, writelines
name = "_open_update.tmp"
with open(name, "w") as f:
    f.write("alpha\nbeta\ngamma\n")
with open(name, "r+") as f:
    first = f.readline()
    pos = f.tell()
    f.seek(pos)
    f.write("BETA")
    f.seek(0)
    print(repr(first), pos, repr(f.read()))
with open(name, "a+") as f:
    f.write("delta\n")
    f.seek(0)
    print(f.readlines())
with open(name, "rb") as f:
    f.seek(6)
    print(f.read(4), f.tell())
    f.seek(-6, 2)
    print(f.read())
with open(name, "w") as f:
    f.writelines(["x", "y\n"])
with open(name) as f:
    print(f.read())
with open(name, "w") as f:
    f.write("")
with open(name) as f:
    print(repr(f.read()), repr(f.readline()), f.readlines())
