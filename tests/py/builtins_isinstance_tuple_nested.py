# isinstance and issubclass with nested tuples of types
print(isinstance(1, (str, (float, int))), isinstance("s", ((list,), (tuple, str))), isinstance([], ()))
print(issubclass(bool, (str, (float, int))), issubclass(list, ()), isinstance(None, (type(None), int)))
