import sys
print(sys.exc_info())
sys.print_exception(1)
