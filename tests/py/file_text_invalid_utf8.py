# a file read as text is UTF-8: a malformed byte is UnicodeDecodeError, as in CPython, and
# what decodes goes on through str and re as well-formed text
import re
name = "_text_invalid_utf8.tmp"
with open(name, "wb") as f:
    f.write(b"ok line\nab\xff\n")
with open(name) as f:
    try:
        f.read()
    except UnicodeDecodeError as e:
        print("UnicodeDecodeError", e)
with open(name, "wb") as f:
    f.write("caf\u00e9 \u00fc\u00df\n".encode())
with open(name) as f:
    text = f.read()
print(re.split("", text), len(text), re.findall(r"\S+", text))
import os
os.remove(name)
