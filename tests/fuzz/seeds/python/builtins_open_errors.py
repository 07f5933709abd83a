# open() errors: missing file, bad mode, closed file
try:
    open("_no_such_file_here.tmp")
except FileNotFoundError as e:
    print("FileNotFoundError", e.errno, type(e).__name__, isinstance(e, OSError))
try:
    open("_x.tmp", "q")
except ValueError as e:
    print("ValueError")
name = "_open_errors.tmp"
f = open(name, "w")
f.write("x")
f.close()
try:
    f.write("y")
except ValueError as e:
    print("ValueError", e)
with open(name) as g:
    pass
print(g.closed)
