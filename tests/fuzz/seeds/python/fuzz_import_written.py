# a module the program writes, then imports; os on the same files
import os
with open("helper.py", "w") as f:
    f.write("x = 40\ndef g(y):\n    return x + y\n")
import helper
print(helper.g(2), sorted(os.listdir(".")), os.stat("helper.py")[6])
os.rename("helper.py", "h2.py")
try:
    os.remove("helper.py")
except OSError as e:
    print(type(e).__name__, e.errno)
print(input(), os.getcwd())
