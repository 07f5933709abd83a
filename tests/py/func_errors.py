# TypeError for bad calls
def f(a, b):
    return a + b
one = 1
text = "s"
tests = [
    lambda: f(1),
    lambda: f(1, 2, 3),
    lambda: f(1, 2, c=3),
    lambda: f(1, a=2),
    lambda: f(),
    lambda: one(),
    lambda: text(),
    lambda: len(1),
    lambda: len(),
]
for t in tests:
    try:
        t()
    except TypeError as e:
        print("TypeError", e)
