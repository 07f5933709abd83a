b"ab".count("a")
