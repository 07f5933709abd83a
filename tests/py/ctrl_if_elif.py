# if / elif / else chains and conditional expressions
def classify(n):
    if n < 0:
        return "negative"
    elif n == 0:
        return "zero"
    elif n < 10:
        return "small"
    else:
        return "large"
print([classify(n) for n in (-5, 0, 3, 42)])
x = 7
if x:
    print("truthy")
if not []:
    print("empty list is falsy")
if x > 5 and x < 10 or x == 0:
    print("in range")
print("even" if x % 2 == 0 else "odd", "a" if 0 else "b" if 0 else "c")
if x == 1: print("one")
elif x == 7: print("seven")
y = 0
if y:
    pass
else:
    print("else branch")
