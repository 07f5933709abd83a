# sys.stdout.write returns the count, mixes with print
import sys
n = sys.stdout.write("abc")
sys.stdout.write("\n")
print(n)
sys.stdout.write("x" + "y" * 3 + "\n")
print("after", end="|")
sys.stdout.write("same line\n")
