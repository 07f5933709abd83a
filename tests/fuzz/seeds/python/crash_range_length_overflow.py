print(list(reversed(range(-2**62, 2**62, 2**61))))
