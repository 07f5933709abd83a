# os: files and directories programs touch
import os
d = "_mod_os_dir.tmp"
if d in os.listdir("."):
    for n in os.listdir(d):
        os.remove(d + "/" + n)
    os.rmdir(d)
os.mkdir(d)
with open(d + "/a.txt", "w") as f:
    f.write("12345")
print(os.listdir(d), os.stat(d + "/a.txt")[6])
os.rename(d + "/a.txt", d + "/b.txt")
print(os.listdir(d))
os.remove(d + "/b.txt")
os.rmdir(d)
print(d in os.listdir("."), type(os.getcwd()).__name__)
try:
    os.remove("_no_such_file.tmp")
except OSError as e:
    print("OSError", e.errno)
