# assignment expressions (:=)
data = [1, 5, 12, 7, 30]
if (n := len(data)) > 3:
    print("long list", n)
print([y for x in data if (y := x * 2) > 10])
vals = iter([3, 2, 1, 0, 5])
while (v := next(vals)) != 0:
    print("v", v)
print(v, n)
print((z := 10) + z, z)
def f():
    if (m := 4) > 3:
        return m * 2
print(f())
total = 0
print([total := total + x for x in [1, 2, 3]], total)

# only a plain name can be the target, also inside a call or a generator argument
for src in ("print(x[0] := 1)", "list(c % 2 := 1 for c in 'ab')", "f(a.b := 2)"):
    try:
        compile(src, "<walrus>", "exec")
        print("compiled", src)
    except SyntaxError:
        print("SyntaxError", src)
