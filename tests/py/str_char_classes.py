# ASCII character classification over all printable characters
groups = {"alpha": "", "digit": "", "space": 0, "upper": "", "lower": "", "punct": ""}
for c in range(32, 127):
    ch = chr(c)
    if ch.isalpha():
        groups["alpha"] += ch
    if ch.isdigit():
        groups["digit"] += ch
    if ch.isspace():
        groups["space"] += 1
    if ch.isupper():
        groups["upper"] += ch
    if ch.islower():
        groups["lower"] += ch
    if not ch.isalnum() and not ch.isspace():
        groups["punct"] += ch
for k, v in groups.items():
    print(k, v)
print("\t\n\r\x0b\x0c ".isspace(), "".isalnum())
