# bytearray: a mutable bytes
ba = bytearray(b"hello")
ba[0] = ord("H")
print(ba, len(ba), ba[1], ba[-1])
ba.append(33)
ba.extend(b" ok")
print(ba)
ba[1:3] = b"EE"
print(ba)
del ba[0]
print(ba, ba.pop(), ba)
ba.insert(0, 72)
print(ba, bytes(ba), ba.decode())
print(bytearray(3), bytearray([1, 2]), bytearray("abc", "utf-8"), bytearray(b"x") * 3, bytearray(b"a") + b"b")
print(ba.find(b"E"), ba.upper(), ba.replace(b"E", b"e"), ba == b"HEElo! o", b"E" in ba)
ba2 = bytearray(b"abc")
ba2.reverse()
print(ba2, ba2.hex(), ba2.count(b"a"))
ba2.remove(ord("b"))
print(ba2)
ba2.clear()
print(ba2, len(ba2))
try:
    bytearray(b"x")[0] = 256
except ValueError as e:
    print("ValueError", e)
