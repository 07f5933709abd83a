# MemoryError is an exception a program can raise and catch
try:
    raise MemoryError("pretend out of memory")
except MemoryError as e:
    print("MemoryError", e)
print(issubclass(MemoryError, Exception))
raise MemoryError
