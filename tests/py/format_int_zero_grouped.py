# zero padding with digit grouping, for any width and any number of digits
for spec, v in [("0200,d", 1), ("0300_x", -12345), ("0300,d", 2 ** 200), ("020,d", 2 ** 400),
                ("0,d", 5), ("012,d", 123456), ("+010,d", -5), ("#015_x", 255), ("09_b", 7)]:
    s = format(v, spec)
    print(spec, len(s), s[:12], s[-24:])
