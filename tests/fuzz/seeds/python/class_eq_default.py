# default equality is identity; defining __eq__ removes the default hash
class Plain:
    pass
a, b = Plain(), Plain()
print(a == a, a == b, a != b, a in [b], a in [a], len({a, b, a}))
class WithEq:
    def __init__(self, v):
        self.v = v
    def __eq__(self, o):
        return isinstance(o, WithEq) and self.v == o.v
print(WithEq(1) == WithEq(1), WithEq(1) != WithEq(1), WithEq(1) != WithEq(2), WithEq.__hash__ is None)
try:
    {WithEq(1)}
except TypeError as e:
    print("TypeError", e)
class WithNe(WithEq):
    def __ne__(self, o):
        return "custom ne"
print(WithNe(1) != WithNe(2))
