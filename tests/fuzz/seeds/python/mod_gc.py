# gc: collect and memory figures exist
import gc
gc.collect()
junk = [[i] * 10 for i in range(1000)]
del junk
print(gc.collect() >= 0, gc.isenabled())
gc.disable()
print(gc.isenabled())
gc.enable()
print(gc.isenabled())
