# name resolution: local, enclosing, global, builtin
len_calls = 0
def my_len(x):
    return "shadowed"
print(len("abc"))
def shadow_builtin():
    len = my_len
    return len("abc")
print(shadow_builtin(), len("abc"))
x = "global"
def enclosing():
    x = "enclosing"
    def local():
        return x
    return local()
print(enclosing())
def uses_global():
    return x
print(uses_global())
def builtins_after_del():
    global print_alias
    print_alias = print
    return print_alias is print
print(builtins_after_del())
str = "oops"
print(type(str).__name__)
del str
print(str(5))
