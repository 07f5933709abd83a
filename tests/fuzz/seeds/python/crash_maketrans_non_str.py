str.maketrans("ab", 0)
