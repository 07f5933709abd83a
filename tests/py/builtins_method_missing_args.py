# a method called without the argument it needs raises TypeError, whatever the type
calls = [lambda: "x".zfill(), lambda: "ab".removeprefix(), lambda: "ab".removesuffix(5),
         lambda: [].extend(), lambda: [1].count(), lambda: (1,).count(), lambda: {}.__getitem__(),
         lambda: set().discard(), lambda: range(3).index(), lambda: bytearray().append(),
         lambda: b"a".find(), lambda: [].__setitem__(0), lambda: str.zfill("ab")]
for call in calls:
    try:
        call()
        print("no error")
    except TypeError:
        print("TypeError")
print("ab".zfill(4), "abc".removeprefix("a"), [1, 1].count(1), b"xab".find(b"a"))
