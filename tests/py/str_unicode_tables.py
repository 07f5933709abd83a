# what needs Unicode tables beyond ASCII: case mapping, classification, printable repr
print("héllo wörld".upper(), "ÄÖÜ".lower(), "ÉCOLE".capitalize(), "ñ".upper(), "Σ".lower())
print("straße".upper(), "ǅ".lower(), "İ".lower() == "i̇", "éa".swapcase(), "àb".title())
print("é".isalpha(), "É".isupper(), "日本".isalpha(), "٣".isdigit(), "²".isdigit(), "½".isnumeric())
print(repr("\x80\xa0\xad"), repr("\u2028"), repr("é\u200b"), ascii("\xa0"))
