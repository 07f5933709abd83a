# __format__ called directly with a spec that is not a str raises TypeError (object's
# __format__ read an int as a string); format() with a str spec works as usual
class Plain:
    def __str__(self):
        return "plain"

for call in (lambda: object().__format__(0), lambda: Plain().__format__(None), lambda: format(Plain(), 5)):
    try:
        call()
        print("no error")
    except TypeError:
        print("TypeError")
print(format(Plain(), ""), "{}".format(Plain()), f"{Plain()!s:>7}")
