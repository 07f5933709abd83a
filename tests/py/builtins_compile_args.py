# compile(): source as str or bytes, and the errors for arguments of the wrong type or value
print(eval(compile("1 + 1", "x", "eval")), eval(compile(b"2 * 3", "x", "eval")))
exec(compile("y = 5\nprint(y)", "<s>", "exec"))
exec(compile("print('single')", "<s>", "single"))
for args in [(1, "x", "exec"), (None, "x", "eval"), ("1", 2, "exec"), ("1", "x", 3), ("1", "x", "foo")]:
    try:
        compile(*args)
        print("accepted", args)
    except (TypeError, ValueError) as e:
        print(type(e).__name__, e)
