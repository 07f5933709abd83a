# os: the file and folder calls, in a folder of its own that it removes again
import os
d = "_os_paths_" + os.urandom(4).hex()
os.mkdir(d)
try:
    print(os.listdir(d))
    with open(d + "/a.txt", "w") as f:
        f.write("hello")
    os.mkdir(d + "/sub")
    print(sorted(os.listdir(d)))
    st = os.stat(d + "/a.txt")
    print(st[6], st[0] & 0o170000 == 0o100000, os.stat(d + "/sub")[0] & 0o170000 == 0o040000)
    os.rename(d + "/a.txt", d + "/b.txt")
    print(sorted(os.listdir(d)))
    home = os.getcwd()
    os.chdir(d)
    print(sorted(os.listdir()), sorted(os.listdir(".")), open("b.txt").read())
    os.chdir("..")
    print(os.getcwd() == home)
    for bad in (lambda: os.rmdir(d + "/nope"), lambda: os.mkdir(d + "/sub"),
                lambda: os.remove(d + "/nope"), lambda: os.stat(d + "/nope"),
                lambda: os.listdir(d + "/b.txt")):
        try:
            bad()
        except OSError as e:
            print(type(e).__name__, e.errno)
    os.remove(d + "/b.txt")
    os.rmdir(d + "/sub")
    print(os.listdir(d))
    print(len(os.urandom(16)), os.urandom(0), os.statvfs(".")[0] > 0, os.sep)
finally:
    for name in os.listdir(d):
        path = d + "/" + name
        if os.stat(path)[0] & 0o170000 == 0o040000:
            os.rmdir(path)
        else:
            os.remove(path)
    os.rmdir(d)
print(d in os.listdir("."))
