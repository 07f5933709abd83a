# string literal forms and escape sequences
print('single', "double", '''triple
quoted''', """also
triple""")
print("tab:\t|", "nl:\\n", 'quote:\'', "dq:\"", "bs:\\")
print(r"raw\n\t", R"raw\x41", len(r"\n"), len("\n"))
print("adjacent" " literals " 'joined')
print("\x48\x69", "\110\151", "\u0048\u0069", "a\
b")
print(repr("\0"), repr("\x7f"), repr("\r\n"), repr("\a\b\f\v"))
s = ("implicit "
     "continuation")
print(s)
print(len("""
"""), repr("""a
b"""))
