# the value bound by with ... as is what __enter__ returns
class Opener:
    def __enter__(self):
        return {"handle": 1}
    def __exit__(self, *exc):
        print("closing")
with Opener() as h:
    print(h)
class SelfReturning:
    def __init__(self):
        self.log = []
    def __enter__(self):
        self.log.append("enter")
        return self
    def __exit__(self, *exc):
        self.log.append("exit")
with SelfReturning() as s:
    s.log.append("body")
print(s.log)
with Opener() as (a):
    print(a["handle"])
class Pair:
    def __enter__(self):
        return (1, 2)
    def __exit__(self, *e):
        return None
with Pair() as (x, y):
    print(x + y)
