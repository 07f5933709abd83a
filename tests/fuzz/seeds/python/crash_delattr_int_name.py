delattr(1, 2)
