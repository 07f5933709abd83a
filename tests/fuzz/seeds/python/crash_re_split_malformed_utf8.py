# re: split, findall and finditer, empty matches included
import re
print(re.split(r",\s*", "a, b,c,   d"), re.split(r"(,)", "a,b"), re.split(r"x*", "axbc"))
print(re.split(",", "a,b,c", 1), re.split(",", "a,b,c", maxsplit=2), re.split(r"\W+", "Words, words, words."))
print(re.split(r"(\W+)", "Words, words."), re.split(r"(a)|(b)", "xaybz"), re.split(r"\s", ""))
print(re.split(r"\b", "a bc"), re.split("", "abá"), re.split(r"^$", "x"))
print(re.findall(r"\w+", "hello big world"), re.findall(r"(\w)(\d)", "a1 b2 c"), re.findall(r"(a)|b", "ab"))
print(re.findall(r"a*", "baaac"), re.findall(r"", "ab"), re.findall(r"\d+", "no digits"))
print([m.span() for m in re.finditer(r"a*", "baaac")], [m.group(1) for m in re.finditer(r"(\d)x", "1x2y3x")])
it = re.finditer(r"\d", "a1b2")
print(next(it).group(), next(it).group(), next(it, None))
print(re.compile(r"\d").findallmicropython("1a2"), re.compile(r",").split("1,2"), re.findall(rb"\d", b"a1b2"))
print(re.findall(r"[a-z]+", "Hello World", re.I), re.split("x", "aXbxc", flags=re.I))
