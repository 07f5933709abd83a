# a keyword argument given to a builtin function, method or type that takes none is a
# TypeError (worded as CPython words it); builtins that take keywords still accept theirs
def attempt(label, call):
    try:
        print(label, "->", call())
    except TypeError as e:
        print(label, "TypeError:", e)

refused = [
    ("len", lambda: len([1], x=1)),
    ("abs", lambda: abs(-1, x=1)),
    ("divmod", lambda: divmod(7, 2, x=1)),
    ("isinstance", lambda: isinstance(1, int, x=1)),
    ("chr", lambda: chr(65, x=1)),
    ("iter", lambda: iter([], x=1)),
    ("str.upper", lambda: "x".upper(x=1)),
    ("str.upper unbound", lambda: str.upper("x", x=1)),
    ("list.append", lambda: [].append(1, x=1)),
    ("dict.get", lambda: {}.get(1, x=1)),
    ("dict.fromkeys", lambda: dict.fromkeys([1], x=1)),
    ("int.bit_length", lambda: (5).bit_length(x=1)),
    ("set.add", lambda: set().add(1, x=1)),
    ("list()", lambda: list(x=1)),
    ("tuple()", lambda: tuple(x=1)),
    ("set()", lambda: set(x=1)),
    ("range()", lambda: range(3, x=1)),
    ("float()", lambda: float(x=1)),
    ("object()", lambda: object(x=1)),
    ("ValueError()", lambda: ValueError(x=1)),
    ("KeyError()", lambda: KeyError("k", x=1)),
    ("round bad name", lambda: round(1.5, x=1)),
]
for label, call in refused:
    attempt(label, call)

class Mine(list):
    pass
attempt("subclass method", lambda: Mine().append(1, x=1))

accepted = [
    ("empty **", lambda: "ab".upper(**{})),
    ("round ndigits", lambda: round(2.5, ndigits=0)),
    ("sorted key", lambda: sorted([3, 1, 2], key=lambda v: -v, reverse=True)),
    ("min key", lambda: min([3, 1, 2], key=lambda v: -v)),
    ("max default", lambda: max([], default=7)),
    ("sum start", lambda: sum([1, 2], start=10)),
    ("int base", lambda: int("ff", base=16)),
    ("str.split", lambda: "a,b,c".split(sep=",", maxsplit=1)),
    ("str.format", lambda: "{a}-{b}".format(a=1, b=2)),
    ("dict()", lambda: dict(a=1, b=2)),
    ("dict.update", lambda: [d := {}, d.update(c=3), d][2]),
    ("list.sort", lambda: [l := [1, 3, 2], l.sort(reverse=True), l][2]),
    ("enumerate start", lambda: list(enumerate("ab", start=1))),
    ("int.to_bytes", lambda: (258).to_bytes(2, byteorder="big")),
    ("bytes.decode", lambda: b"hi".decode(encoding="utf-8")),
    ("str.encode", lambda: "hi".encode(encoding="utf-8")),
    ("print sep", lambda: print(1, 2, sep="+", end="|\n")),
]
for label, call in accepted:
    attempt(label, call)
