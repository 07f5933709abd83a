# int methods and attributes
print((255).bit_length(), (0).bit_length(), (-8).bit_length(), (2 ** 100).bit_length())
print((1024).to_bytes(2, "big"), (1024).to_bytes(4, "little"))
print(int.from_bytes(b"\x01\x00", "big"), int.from_bytes(b"\x01\x00", "little"))
print((-1).to_bytes(2, "big", signed=True), int.from_bytes(b"\xff\xfe", "big", signed=True))
print((5).real, (5).imag, (7).numerator, (7).denominator)
print((10).conjugate(), (3).__add__(4))
try:
    (256).to_bytes(1, "big")
except OverflowError as e:
    print("OverflowError", e)
