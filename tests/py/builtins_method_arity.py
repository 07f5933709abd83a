# builtin methods called with too few or too many positional arguments raise TypeError,
# whichever type they belong to and however they are reached (bound, unbound, super, stored)
def gen():
    yield 1

class Sub(str):
    def zfill(self, *a):
        return super().zfill(*a)

too_few = [
    lambda: "x".zfill(), lambda: "x".find(), lambda: "x".partition(), lambda: "x".replace("a"),
    lambda: "x".startswith(), lambda: "x".join(), lambda: "x".center(), lambda: "{}".format_map(),
    lambda: b"x".partition(), lambda: b"x".count(), lambda: b"x".split(b"x").index(),
    lambda: bytearray(b"x").insert(0), lambda: [].insert(0), lambda: [].index(), lambda: (1,).index(),
    lambda: {}.get(), lambda: {}.pop(), lambda: {}.setdefault(), lambda: dict.fromkeys(),
    lambda: set().add(), lambda: set().symmetric_difference(), lambda: frozenset().issubset(),
    lambda: range(3).count(), lambda: slice(1).indices(), lambda: (5).__add__(), lambda: (5).__lt__(),
    lambda: (1.5).__mul__(), lambda: ValueError().with_traceback(), lambda: gen().send(),
    lambda: gen().throw(), lambda: property().getter(), lambda: object().__eq__(),
    lambda: object().__setattr__("a"), lambda: str.zfill("x"), lambda: list.append([]),
    lambda: Sub("x").zfill(), lambda: getattr("x", "ljust")(),
]
too_many = [
    lambda: "x".upper(1), lambda: "x".zfill(1, 2), lambda: "x".split(",", 1, 2), lambda: "x".strip(" ", 1),
    lambda: "x".find("x", 0, 1, 2), lambda: "x".partition(",", 1), lambda: "x".isdigit(1),
    lambda: b"x".upper(1), lambda: b"x".hex(1, 2, 3), lambda: bytearray().append(1, 2), lambda: [].append(1, 2),
    lambda: [].pop(0, 1), lambda: [].copy(1), lambda: [].sort(1), lambda: (1,).count(1, 2),
    lambda: {}.keys(1), lambda: {}.get(1, 2, 3), lambda: {}.update({}, {}), lambda: set().pop(1),
    lambda: set().issuperset(set(), set()), lambda: range(3).index(1, 2), lambda: (5).bit_length(1),
    lambda: (5).__neg__(1), lambda: (5).__add__(1, 2), lambda: (2.5).is_integer(1),
    lambda: ValueError().add_note("a", "b"), lambda: gen().close(1), lambda: object().__hash__(1),
    lambda: str.upper("x", 1), lambda: Sub("x").zfill(1, 2),
]
for name, calls in (("too few", too_few), ("too many", too_many)):
    for call in calls:
        try:
            call()
            print(name, "no error")
        except TypeError:
            print(name, "TypeError")
# the same methods with the counts they take
print("ab".zfill(4), "a,b".split(",", 1), "abc".find("b", 0, 3), "a=b".partition("="), b"a b".split())
print([3, 1].pop(0), {}.get(1, 2), {1: 2}.pop(1, 0), set([1]).union([2], [3]), "{0}{1}".format(1, 2))
print((5).__add__(2), range(5).index(3), slice(1, 9, 2).indices(5), Sub("7").zfill(3))
