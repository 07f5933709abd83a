# uncaught KeyError
conf = {"host": "h", "port": 80}
print(conf["host"])
print(conf["user"])
