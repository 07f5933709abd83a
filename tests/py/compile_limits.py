# code beyond what small bytecode operands hold: many locals, constants, names and long jumps
n = 300
src = "def many():\n" + "".join("    v%d = %d\n" % (i, i * 3) for i in range(n))
src += "    return " + " + ".join("v%d" % i for i in range(n)) + "\n"
ns = {}
exec(src, ns)
print(ns["many"](), sum(i * 3 for i in range(n)))
consts = "def consts():\n    return [" + ", ".join("%d.5" % i for i in range(400)) + "]\n"
exec(consts, ns)
print(len(ns["consts"]()), ns["consts"]()[399])
names = "".join("g%d = %d\n" % (i, i) for i in range(500)) + "total = " + " + ".join("g%d" % i for i in range(500)) + "\n"
exec(names, ns)
print(ns["total"], ns["g499"])
body = "def jumps(x):\n    if x:\n" + "".join("        x = x + %d\n" % i for i in range(3000)) + "    else:\n        x = -1\n    return x\n"
exec(body, ns)
print(ns["jumps"](1), ns["jumps"](0))
loop = "def loop():\n    t = 0\n    for i in range(3):\n" + "".join("        t += %d\n" % i for i in range(2000)) + "    return t\n"
exec(loop, ns)
print(ns["loop"]())
args = "def wide(" + ", ".join("a%d" % i for i in range(100)) + "):\n    return a0 + a99\n"
exec(args, ns)
print(ns["wide"](*range(100)), (lambda *a: len(a))(*range(1000)))
