# struct: pack and unpack binary records
import struct
b = struct.pack("<HhI", 65535, -2, 1 << 31)
print(b, len(b), struct.unpack("<HhI", b), struct.calcsize("<HhI"))
print(struct.pack(">i", -1), struct.unpack(">i", b"\x00\x00\x01\x00"), struct.pack("<f", 1.5), struct.unpack("<d", struct.pack("<d", 0.1)))
print(struct.pack("<3sB", b"abc", 7), struct.unpack("<BBB", b"\x01\x02\x03"), struct.pack("<?", True))
try:
    struct.pack("<B", 256)
except struct.error as e:
    print("struct.error")
