# int methods and attributes
print((255).bit_length(), (0).bit_length(), (-8).bit_length(), (2 ** 40).bit_length())
print((1024).to_bytes(2, "big"), (1024).to_bytes(4, "little"))
print(int.from_bytes(b"\x01\x00", "big"), int.from_bytes(b"\x01\x00", "little"))
print((-1).to_bytes(2, "big", signed=True), int.from_bytes(b"\xff\xfe", "big", signed=True))
print((3).__add__(4), (10).__mul__(2), int.__add__(1, 2))
try:
    (256).to_bytes(1, "big")
except OverflowError as e:
    print("OverflowError", e)
