# re: sub and subn with templates, functions and counts; str and bytes
import re
print(re.sub(r"(\w+)@(\w+)", r"\2 at \1", "me@host you@there"))
print(re.sub(r"(?P<w>\w+)", r"<\g<w>>", "a bc"), re.sub(r"(\w)", r"\g<1>\g<0>", "ab"))
print(re.sub(r"\d", lambda m: str(int(m.group()) * 2), "a1b2c3"))
print(re.sub("a", "b", "aaaa", 2), re.sub("a", "b", "aaaa", count=3), re.subn("a", "b", "aaa"))
print(re.sub(r"x*", "-", "abxd"), re.sub(r"", "-", "ab"), re.sub(r"a|", "#", "bab"))
print(re.sub(r"\s+", " ", "  lots   of\n\tspace "), re.sub(" ", r"\n", "a b"), re.sub("b", r"\\", "abc"))
print(re.sub(r"(a)|b", r"[\1]", "ab"), re.sub("o", "0", "foo boo", flags=re.I))
print(re.sub("X", "y", "xX", flags=re.IGNORECASE), re.sub("a", "-", "aAa", 0, re.I))
p = re.compile(r"(\w+) (\w+)")
print(p.sub(r"\2 \1", "hello world, good day"), p.subn(r"\2 \1", "a b c d e"))
print(re.sub(rb"\d+", b"#", b"a12b345"), re.subn(b"a", lambda m: b"AA", b"banana"))
print(re.sub("é", "e", "été"), re.sub(r"(\w+)", lambda m: m.group(1).upper(), "ab cd"))
