# uncaught UnicodeDecodeError
print(b"ok".decode())
print(b"\xff\xfe".decode("utf-8"))
