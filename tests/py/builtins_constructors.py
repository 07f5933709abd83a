# type constructors called with no argument and with iterables
print(int(), float(), str(), bool(), list(), tuple(), dict(), set(), frozenset(), bytes(), bytearray())
print(list("ab"), tuple([1]), set([2, 2]), frozenset((3,)), dict([(1, 2)]), bytes([65, 66]), bytearray(b"z"))
print(str(123), str(b"x"), bool("False"), int("7"), float("7"), list({"k": 1}), tuple({"k": 1}.items()))
print(list(range(3)) == [0, 1, 2], tuple(x for x in "ab"), dict(a=1), bytes(3), bytearray(2))
print(type(object()).__name__, object().__class__.__name__, isinstance(object(), object))
