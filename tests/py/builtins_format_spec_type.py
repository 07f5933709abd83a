# format()'s spec must be a str; a nested replacement field gives one
for args in [(42, 7), (1.5, b""), ("x", [])]:
    try:
        format(*args)
    except TypeError as e:
        print("TypeError", str(e).split(",")[0])
print("{:{}}".format(1, 7) + "|", f"{1:{7}}" + "|", format(3), format(3, ""))
