# single inheritance, overriding, isinstance/issubclass
class Animal:
    kind = "animal"
    def __init__(self, name):
        self.name = name
    def speak(self):
        return self.name + " makes a sound"
    def describe(self):
        return "%s is a %s: %s" % (self.name, self.kind, self.speak())
class Dog(Animal):
    kind = "dog"
    def speak(self):
        return self.name + " barks"
class Puppy(Dog):
    def __init__(self, name, age):
        Dog.__init__(self, name)
        self.age = age
a, d, p = Animal("gen"), Dog("rex"), Puppy("bit", 1)
for x in (a, d, p):
    print(x.describe())
print(p.age, isinstance(p, Animal), isinstance(d, Puppy), issubclass(Puppy, Animal), issubclass(Animal, Dog))
print(issubclass(Dog, Dog), issubclass(Dog, object), isinstance(d, (int, Dog)), issubclass(bool, (str, int)))
print(Puppy.__bases__[0].__name__, Dog.__name__, [c.__name__ for c in Puppy.__mro__])
