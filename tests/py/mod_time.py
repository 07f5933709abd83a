# time: the calls programs use, checked without printing times
import time
t0 = time.time()
time.sleep(0.01)
t1 = time.time()
print(type(t0).__name__ in ("int", "float"), t1 >= t0)
lt = time.localtime(0)
print(len(tuple(lt)) >= 8, time.gmtime(86400)[:6])
print(time.mktime(time.localtime(1000000)) == 1000000)
