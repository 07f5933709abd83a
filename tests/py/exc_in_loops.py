# exceptions inside loops, break/continue through finally
results = []
for v in ["1", "x", "3", "", "5"]:
    try:
        results.append(int(v))
    except ValueError:
        results.append(None)
        continue
    finally:
        results.append("|")
print(results)
def first_int(items):
    for it in items:
        try:
            return int(it)
        except ValueError:
            pass
    return None
print(first_int(["a", "b", "42", "7"]), first_int([]))
i = 0
while i < 5:
    i += 1
    try:
        if i == 2:
            continue
        if i == 4:
            break
        print("body", i)
    finally:
        print("finally", i)
