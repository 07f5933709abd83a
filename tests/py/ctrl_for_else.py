# for loops with else, break, continue and nested loops
for i in range(3):
    print("i", i)
else:
    print("for else")
def find(items, target):
    for idx, v in enumerate(items):
        if v == target:
            print("found at", idx)
            break
    else:
        print("not found")
find([4, 5, 6], 5)
find([4, 5, 6], 9)
for x in range(6):
    if x % 2:
        continue
    print("even", x)
for a in range(3):
    for b in range(3):
        if b > a:
            break
        print(a, b, end="; ")
print()
primes = []
for n in range(2, 30):
    for d in range(2, n):
        if n % d == 0:
            break
    else:
        primes.append(n)
print(primes)
for _ in []:
    print("never")
else:
    print("empty loop else")
