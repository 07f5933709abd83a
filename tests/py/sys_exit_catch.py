# SystemExit can be caught like any exception
import sys
try:
    sys.exit(5)
except SystemExit as e:
    print("caught exit", e.code)
try:
    sys.exit("message")
except SystemExit as e:
    print("caught", e.code)
def nested():
    try:
        sys.exit(1)
    except Exception:
        print("not caught by Exception")
try:
    nested()
except SystemExit:
    print("SystemExit is not an Exception")
print("still running")
