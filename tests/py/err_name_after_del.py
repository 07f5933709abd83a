# uncaught NameError after del
session_key_x = "abc"
print(session_key_x)
del session_key_x
print(session_key_x)
