# string methods return new strings; the original is unchanged
s = "Hello"
u = s.upper()
r = s.replace("l", "L")
s2 = s
s2 += "!"
print(s, u, r, s2, s is not s2)
t = "abc"
print(t[::-1], t, t * 2, t)
try:
    del t[0]
except TypeError as e:
    print("TypeError", e)
