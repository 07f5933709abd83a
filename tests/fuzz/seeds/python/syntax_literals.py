# literal displays of every kind
print(0, -1, 1.5, 1e3, 0x1F, 0o17, 0b11, 1_000, "s", 's', b"b", True, None, ...)
print([], [1], [1, 2,], (), (1,), (1, 2,), {}, {1: 2,}, {1}, {1, 2,})
print(-(-1), not not 1, --1, -+-1)
print("""a""" + '''b''', r'\d', b'\x00', rb'\x00', "\u00e9", "\x00" == chr(0))
print([[[]]], ((),), {(): ()}, [{}])
