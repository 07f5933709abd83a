# super() inside classmethods and with properties
class Base:
    @classmethod
    def create(cls):
        return "Base.create for " + cls.__name__
    @property
    def name(self):
        return "base-name"
class Child(Base):
    @classmethod
    def create(cls):
        return "Child+" + super().create()
    @property
    def name(self):
        return "child/" + super().name
print(Child.create(), Child().name, Base.create())
