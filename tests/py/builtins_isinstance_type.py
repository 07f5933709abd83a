# isinstance, issubclass, type
class A:
    pass
class B(A):
    pass
b = B()
print(isinstance(b, A), isinstance(b, B), isinstance(b, (int, str)), isinstance(b, (int, A)), isinstance(1, object))
print(isinstance(True, int), isinstance(1, bool), isinstance(1.0, int), isinstance("s", str), isinstance(None, type(None)))
print(issubclass(B, A), issubclass(A, B), issubclass(B, (str, A)), issubclass(int, object), issubclass(type, object))
print(type(b) is B, type(b) == A, type(1), type("s"), type([]), type(type), type(None))
print(type(1).__name__, type(1.5).__name__, type({}).__name__, type(()).__name__, type(set()).__name__, type(range(1)).__name__)
print(type(A).__name__, isinstance(A, type), isinstance(int, type), type(lambda: 0).__name__)
T = type("T", (A,), {"x": 5})
print(T.__name__, T().x, isinstance(T(), A))
try:
    isinstance(1, 2)
except TypeError as e:
    print("TypeError", e)
