# print to stderr does not appear on stdout
import sys
print("out 1")
print("err 1", file=sys.stderr)
print("out 2")
sys.stderr.write("err 2\n")
print("out 3")
