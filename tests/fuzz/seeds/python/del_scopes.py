# del of globals from functions, of loop variables, and of names in nested scopes
gx = 1
def drop():
    global gx
    del gx
drop()
print("gx" in globals())
for i in range(3):
    pass
del i
try:
    i
except NameError:
    print("loop variable deleted")
def outer():
    v = "value"
    def inner():
        return v
    r = inner()
    del v
    try:
        inner()
    except NameError as e:
        return r, "NameError"
print(outer())
lst = [1, 2, 3]
alias = lst
del lst
print(alias)
