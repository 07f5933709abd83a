# ord and chr
print(ord("A"), ord("z"), ord("0"), ord(" "), ord("\n"), ord("é"), ord("€"), ord("\U0001F600"))
print(chr(65), chr(97), chr(48), repr(chr(10)), chr(233), chr(8364), chr(0x1F600) == "\U0001F600")
print("".join(chr(c) for c in range(97, 102)), [ord(c) - 48 for c in "2024"])
try:
    ord("ab")
except TypeError as e:
    print("TypeError", e)
try:
    chr(0x110000)
except ValueError as e:
    print("ValueError", e)
