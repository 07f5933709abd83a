# len() errors and __len__ results
class Str:
    def __len__(self):
        return "3"
class Ok:
    def __len__(self):
        return 4
print(len(Ok()))
for obj in (Str(),):
    try:
        print(len(obj))
    except TypeError as e:
        print(type(e).__name__, e)
class NoLen:
    pass
try:
    len(NoLen())
except TypeError as e:
    print("TypeError", e)
