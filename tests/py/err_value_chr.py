# uncaught ValueError from a builtin
print(chr(65))
print(chr(-1))
