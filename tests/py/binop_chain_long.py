# long chains a + b + c ...: every link compiles and runs in order (left operand first), the
# names they use are found, and an error in a link names its line
def total(n):
    src = "def f(" + ", ".join("a%d" % i for i in range(n)) + "):\n    return " + " - ".join("a%d" % i for i in range(n)) + "\n"
    ns = {}
    exec(src, ns)
    return ns["f"](*range(n))
print(total(3), total(200), total(900))
order = []
def v(x):
    order.append(x)
    return x
print(eval(" * ".join("v(%d)" % i for i in range(1, 40))) == eval("*".join(str(i) for i in range(1, 40))), order[:5], order[-2:])
print(eval(" + ".join(["'ab'"] * 500)).count("ab"), eval("1" + " << 1" * 100 + " >> 100"))
chain = " + ".join(["q"] * 300)
print(eval(chain, {"q": 2}), eval("(" + chain + ") // 3", {"q": 3}))
def mixed():
    a = 1
    return (a +
            2 +
            None +
            4)
try:
    mixed()
except TypeError as e:
    print("TypeError", e)
x = (1 +
     2 *
     "s")
mixed()
