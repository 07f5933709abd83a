# sys.exit() and sys.exit(0) end the program with status 0, running finally blocks
import sys
try:
    print("in try")
    sys.exit()
finally:
    print("finally")
print("never")
