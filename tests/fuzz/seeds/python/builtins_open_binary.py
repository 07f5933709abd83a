# open() in binary mode
name = "_open_binary.tmp"
with open(name, "wb") as f:
    f.write(bytes(range(8)))
    f.write(b"\xff\xfe")
with open(name, "rb") as f:
    data = f.read()
print(data, len(data), type(data).__name__)
with open(name, "rb") as f:
    print(f.read(3), f.read(2), f.read())
with open(name, "ab") as f:
    f.write(bytearray(b"end"))
with open(name, "rb") as f:
    print(f.read()[-5:])
