# helper for import_failing.py: fails while it is imported
print("_imp_broken starts")
PARTIAL = 1
raise ValueError("broken module")
