# uncaught exception in a with body: __exit__ runs first, then the program ends
class Guard:
    def __enter__(self):
        print("enter")
        return self
    def __exit__(self, et, ev, tb):
        print("exit sees", et.__name__)
        return False
with Guard():
    print("working")
    [].pop()
print("never")
