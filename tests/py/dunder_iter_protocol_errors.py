# iteration protocol errors
class BadIter:
    def __iter__(self):
        return 5
class NoNext:
    def __iter__(self):
        return self
for obj in (BadIter(), NoNext(), 3, None):
    try:
        for x in obj:
            pass
    except TypeError as e:
        print("TypeError", e)
class Once:
    def __init__(self):
        self.done = False
    def __iter__(self):
        return self
    def __next__(self):
        if self.done:
            raise StopIteration
        self.done = True
        return "only"
o = Once()
print(list(o), list(o))
