# sys.exit with a string prints it on stderr and exits with status 1
import sys
print("about to fail")
sys.exit("fatal: bad arguments")
