# a builtin method called without its argument: the uncaught TypeError names it as CPython does
width = "42"
print(width.zfill(5))
print(width.zfill())
