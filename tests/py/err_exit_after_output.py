# output printed before an uncaught exception is all written out (nothing lost in buffers)
for i in range(200):
    print("line", i)
print("partial line without newline", end="")
raise RuntimeError("stop after output")
