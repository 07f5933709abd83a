# a module imported by import_*.py (files starting with _ are not programs)
print("_imp_helper loaded as", __name__)
VALUE = 42
_private = "hidden"
count = 0
def double(x):
    return x * 2
class Thing:
    def __init__(self, n):
        self.n = n
def bump():
    global count
    count += 1
    return count
