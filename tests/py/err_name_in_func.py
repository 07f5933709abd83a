# uncaught NameError inside a function
def compute():
    return missing_helper_fn(3)
print("calling")
compute()
