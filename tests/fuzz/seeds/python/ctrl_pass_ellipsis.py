# pass, Ellipsis, and empty bodies
def nothing():
    pass
class Nothing:
    pass
def dots():
    ...
print(nothing(), dots(), Nothing.__name__, ..., Ellipsis is ..., type(...).__name__)
for i in range(2):
    pass
while False:
    pass
if True:
    pass
print("done")
