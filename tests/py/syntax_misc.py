# semicolons, line continuations, comments, multiple targets
a = 1; b = 2; c = a + \
    b
print(a, b, c)  # trailing comment
total = (1 +
         2 +
         3)
items = [
    1,
    2,  # comment inside brackets
]
print(total, items)
x = y = z = "same"
print(x, y, z)
if a: print("inline if")
for i in range(2): print("inline for", i)
while b > 1: b -= 1
print(b)
def f(): return "inline def"
print(f())
class K: v = 3
print(K.v)
s = {"a":
     1}
print(s)
print(1 if True else 2, [i for i in
                         range(3)])
