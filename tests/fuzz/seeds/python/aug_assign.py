# augmented assignment on names, attributes and subscripts
class C:
    pass
c = C()
c.n = 1
c.n += 5
c.n *= 2
print(c.n)
l = [1, 2, 3]
l[0] += 10
l[-1] **= 2
print(l)
d = {"k": "a"}
d["k"] += "b"
d["k"] *= 2
print(d)
def index():
    print("index evaluated")
    return 1
l[index()] -= 100
print(l)
s = "x"
s += "y"
t = (1,)
t += (2,)
print(s, t)
n = 17
n //= 3; print(n)
n %= 4; print(n)
n <<= 3; print(n)
n >>= 1; print(n)
n |= 1; print(n)
n &= 6; print(n)
n ^= 7; print(n)
f = 2.0
f /= 4; print(f)
