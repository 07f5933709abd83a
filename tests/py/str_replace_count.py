# replace, count and membership on longer texts
text = "one fish two fish red fish blue fish " * 3
print(text.count("fish"), text.count("fish", 40), text.replace("fish", "cat", 3)[:50])
print("fish" in text, text.find("blue"), text.rfind("red"), len(text.split()), len(set(text.split())))
print(text.strip().title()[:30], text.upper().count("FISH"))
