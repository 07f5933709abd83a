import struct
for f in ['', 'x', '3x', '>h', '<q', '!I', '=b', '?', 'e', 'f', 'd', '5s', '0s', 'P', 'n', '@i']:
    try: print(f, struct.calcsize(f), struct.pack(f, *([1] if f and f[-1] not in 'xs' else [b'ab'] if f[-1:]=='s' else [])))
    except Exception as e: print(f, type(e).__name__)
