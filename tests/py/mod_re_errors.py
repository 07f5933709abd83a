# re: a bad pattern raises re.error (a subclass of Exception); misuse raises the usual errors
import re
print(issubclass(re.error, Exception))
for bad in ["(", "(a", "a)", "*a", "+", "a**", "a{2}{3}", "[a", "[z-a]", "\\", r"\1",
            "(?P<x>a)(?P<x>b)", "(?P<1>a)", r"\q"]:
    try:
        re.compile(bad)
        print("compiled", repr(bad))
    except re.error:
        print("re.error", repr(bad))
m = re.match(r"(a)(?P<n>b)", "ab")
for g in [3, -1, "nope"]:
    try:
        m.group(g)
    except IndexError as e:
        print("IndexError", e)
for call in [lambda: re.search("a", b"a"), lambda: re.search(b"a", "a"), lambda: re.sub("a", b"b", "a"),
             lambda: re.compile(5), lambda: re.sub("a", lambda m: 5, "a")]:
    try:
        call()
    except TypeError:
        print("TypeError")
for template in [r"\3", r"\g<nope>", r"\g<x"]:
    try:
        re.sub(r"(a)", template, "a")
    except re.error:
        print("re.error", template)
    except IndexError as e:
        print("IndexError", e)
m.group(7)
