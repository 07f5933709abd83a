# adding methods and attributes to classes at run time
class Dyn:
    pass
def greet(self):
    return "hi from " + self.name
Dyn.greet = greet
d = Dyn()
d.name = "d"
print(d.greet())
Dyn.count = 0
d2 = Dyn()
d2.name = "d2"
print(d2.greet(), d2.count)
setattr(Dyn, "shout", lambda self: self.greet().upper())
print(d.shout())
del Dyn.greet
print(hasattr(d, "greet"))
print(sorted(k for k in d.__dict__), "greet" in dir(Dyn), "shout" in dir(Dyn))
