# time: calendar arithmetic (gmtime, mktime of localtime) across leap years and centuries
import time
for t in (0, 59, 86399, 86400, 68169600, 951782400, 951868800, 978307199, 1700000000,
          4107542400, 4102444800, 2147483647, 2147483648, -1, -86400, -2208988800):
    g = time.gmtime(t)
    print(t, tuple(g)[:8])
for t in (0, 1000000, 951782400, 1700000000, 2147483648):
    print(time.mktime(time.localtime(t)) == t)
print(time.gmtime(1.9)[5], time.gmtime(-0.5)[5])
