# str.maketrans checks what it is given: one dict, or two str of equal length and a third of
# characters to delete (a non-str argument was read as a string)
for args in ((0,), ("ab",), (0, 0), ("ab", 0), (0, "ab"), ("ab", "cd", 0), ("ab", "c"), ({1.5: 2},),
             ({"ab": 1},)):
    try:
        print(sorted(str.maketrans(*args).items()))
    except (TypeError, ValueError) as e:
        print(type(e).__name__)
table = str.maketrans("ab", "xy", "c")
print(sorted(table.items()), "abcabc".translate(table))
print("hello".translate(str.maketrans({"l": "L", "o": None})))
print("abc".translate({97: 0x263A, 98: "", 99: None}))
try:
    "a".translate({97: -1})
except ValueError:
    print("ValueError")
