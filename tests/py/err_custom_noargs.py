# uncaught user-defined exception raised as a class
class Halt(Exception):
    pass
def run():
    raise Halt
print("go")
run()
