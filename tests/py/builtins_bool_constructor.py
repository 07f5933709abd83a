# bool() and truth testing of every kind of value
vals = [0, 1, -1, 0.0, 0.1, "", " ", "0", [], [[]], (), ((),), {}, {0: 0}, set(), {0},
        None, range(0), range(2), b"", b"\x00", bytearray(), object()]
print([bool(v) for v in vals])
print(bool(), bool(True), bool(False), True if "False" else False)
