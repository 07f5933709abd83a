compile(1, "x", "exec")
compile("1", "x", 3)
