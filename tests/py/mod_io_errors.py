# io: writing the wrong type, bad seeks, using a closed buffer
import io
for f in [lambda: io.StringIO().write(b"x"), lambda: io.BytesIO().write("x"), lambda: io.StringIO(5)]:
    try:
        f()
    except TypeError:
        print("TypeError")
for f in [lambda: io.BytesIO().seek(-1), lambda: io.StringIO().seek(-1), lambda: io.BytesIO().seek(0, 3)]:
    try:
        f()
    except ValueError:
        print("ValueError")
try:
    io.StringIO("abc").seek(1, 1)
except OSError:
    print("OSError")
s = io.StringIO("x")
s.close()
s.close()
for f in [s.read, s.getvalue, s.tell, lambda: s.write("y"), s.readline]:
    try:
        f()
    except ValueError as e:
        print("ValueError", e)
io.BytesIO(b"").getvalue().decode()
io.BytesIO().read().nope
