# sys.exit with a status ends the program quietly with that status
import sys
print("exiting with 3")
sys.exit(3)
print("never")
