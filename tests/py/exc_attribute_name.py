# AttributeError and NameError messages
class K:
    pass
cases = [lambda: K().nope, lambda: K.nope, lambda: (1).nope, lambda: "s".nope, lambda: None.nope,
         lambda: [].nope]
for c in cases:
    try:
        c()
    except AttributeError as e:
        print("AttributeError:", e)
try:
    undefined_name_xyz
except NameError as e:
    print("NameError:", e)
def f():
    return zz_not_defined
try:
    f()
except NameError as e:
    print("NameError:", e)
def g():
    print(loc)
    loc = 1
try:
    g()
except UnboundLocalError as e:
    print("UnboundLocalError:", e)
try:
    (1).nope = 5
except AttributeError as e:
    print("AttributeError:", e)
