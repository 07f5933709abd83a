# raising SystemExit directly, and finally blocks running on the way out
try:
    print("in try")
    raise SystemExit(2)
finally:
    print("finally runs")
