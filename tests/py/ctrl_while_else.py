# while loops with else, break and continue
n = 0
while n < 5:
    n += 1
    if n == 2:
        continue
    print("n", n)
else:
    print("while else ran")
i = 0
while True:
    i += 1
    if i > 3:
        break
print("i", i)
k = 10
while k > 0:
    if k == 7:
        print("break at 7")
        break
    k -= 1
else:
    print("never")
j = 0
while j < 0:
    j += 1
else:
    print("else with zero iterations")
