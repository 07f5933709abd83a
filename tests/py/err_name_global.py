# uncaught NameError for an undefined global
print("start")
total = 1
print(total + undefined_variable_q)
