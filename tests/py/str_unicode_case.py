# case mapping beyond ASCII
print("héllo wörld".upper(), "ÄÖÜ".lower(), "ÉCOLE".capitalize(), "ñ".upper(), "Σ".lower())
print("straße".upper(), "ǅ".lower(), "İ".lower() == "i̇", "éa".swapcase(), "àb".title())
print("é".isalpha(), "É".isupper(), "日本".isalpha(), "٣".isdigit(), "²".isdigit(), "½".isnumeric())
