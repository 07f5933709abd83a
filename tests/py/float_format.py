# formatting floats with format specs
x = 3.14159265
print(format(x, ".2f"), format(x, "10.3f"), format(x, "<10.1f") + "|", format(x, "^9.2f") + "|")
print(format(x, "e"), format(x, ".3e"), format(x, "E"), format(12345.678, ".2e"))
print(format(x, "g"), format(1e-7, "g"), format(1e20, "g"), format(123456789.0, "g"), format(0.0001, "g"))
print(format(x, "+.1f"), format(-x, "+.1f"), format(x, " .2f"), format(2.5, "08.2f"))
print(format(1234567.891, ",.2f"), format(1234567.891, "_.1f"), format(0.25, ".1%"), format(0.5, "%"))
print(format(2.0, ""), format(1e16, ""), format(0.1, ".17g"), format(100.0, ".0f"), format(0.5, ".0f"), format(1.5, ".0f"))
print("%.3f %e %g %10.2f|%-10.2f|" % (x, x, x, x, x))
print("{:.4} {:.4g} {:10.4}|".format(x, x, x))
print(str(1.0), str(0.1), repr(1 / 7), str(1e-10), str(12345678912345.0))
# '%' scales by a hundred first: past the largest double it is inf, and inf and nan keep the %
print(format(1e307, "%"), "{:.2%}".format(1.7e308), format(float("nan"), "%"), format(float("-inf"), ".1%"), format(float("inf"), ">8%"))
