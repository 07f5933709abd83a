# global declarations
count = 0
def bump():
    global count
    count += 1
def read():
    return count
bump(); bump()
print(count, read())
def make():
    global created
    created = "yes"
make()
print(created)
x = "module"
def local_shadow():
    x = "local"
    return x
print(local_shadow(), x)
def uses_before():
    try:
        print(y)
        y = 1
    except UnboundLocalError as e:
        print("UnboundLocalError", e)
uses_before()
def multi():
    global a1, a2
    a1, a2 = 1, 2
multi()
print(a1 + a2)
