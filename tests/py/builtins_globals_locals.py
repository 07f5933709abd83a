# globals() and locals()
gv = 1
def f(p):
    q = p + 1
    l = locals()
    return sorted(l.items())
print(f(1))
print(globals()["gv"], "f" in globals(), globals() is globals())
globals()["made_here"] = "yes"
print(made_here)
print(locals() is globals())
class K:
    a = 1
    b = sorted(k for k in locals() if not k.startswith("__"))
print(K.b)
