# str concatenation, repetition, comparison and membership
a = "foo"
b = "bar"
print(a + b, a * 3, 2 * b, a * 0 + "|", a * -1 + "|")
print("oo" in a, "x" in a, "" in a, "x" not in b)
print(a < b, a > b, "abc" < "abd", "ab" < "abc", "B" < "a", "" < "a", a == "foo", a != "foo")
print(len(a), len(""), len("héllo"), ord("a"), chr(98), min("hello"), max("hello"))
print(sorted("banana"), list("abc"), tuple("ab"))
s = ""
for ch in "xyz":
    s += ch.upper()
print(s)
print("%s|%r" % ("a'b", "a'b"), repr('a"b'), repr("a'b\"c"), repr("tab\there\n"))
print(str(12) + str(3.5) + str(None) + str(True) + str([1, "a"]))
print(hash("abc") == hash("ab" + "c"))
