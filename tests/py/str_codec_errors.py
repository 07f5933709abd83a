# encode and decode: ASCII and Latin-1, the errors handlers and the messages of the errors
def show(f):
    try:
        print(repr(f()))
    except (UnicodeError, LookupError) as e:
        print(type(e).__name__, e)
text = "a\xe9\u20ac\U0001f600b"
for enc in ["ascii", "latin-1", "UTF_8"]:
    show(lambda: text.encode(enc))
    show(lambda: text.encode(enc, "replace"))
    show(lambda: text.encode(enc, "ignore"))
show(lambda: "x\xff".encode("ascii"))
show(lambda: "\u20ac".encode("latin1"))
for data in [b"\xe2\x82A", b"\xe2\x82", b"\xff\xfe", b"\xed\xa0\x80", b"\xc0\xaf", b"\xf4\x90\x80\x80", b"ok \xc3\xa9"]:
    show(lambda: data.decode())
    show(lambda: data.decode("utf-8", "replace"))
    show(lambda: data.decode("utf-8", "ignore"))
show(lambda: b"a\xffb".decode("ascii"))
show(lambda: b"a\xffb".decode("ascii", "replace"))
show(lambda: b"caf\xe9".decode("latin-1"))
show(lambda: str(b"caf\xe9", "iso-8859-1"))
show(lambda: bytes("caf\xe9", "latin-1"))
show(lambda: bytearray("\u20ac", "utf-8"))
show(lambda: "x".encode("no-such-codec"))
show(lambda: "\xe9".encode("ascii", "nonsense"))
show(lambda: "fine".encode("ascii", "nonsense"))
