# binascii: hex and base64
import binascii
print(binascii.hexlify(b"\x00\xffAB"), binascii.unhexlify(b"414243"), binascii.unhexlify("00ff"))
print(binascii.b2a_base64(b"hello world"), binascii.a2b_base64(b"aGVsbG8gd29ybGQ="))
print(binascii.crc32(b"hello") & 0xffffffff)
