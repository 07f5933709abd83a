# A sequence repeated by a non-int: the TypeError names the count's type, whichever side the
# sequence is on; a class with __rmul__ still gets its turn.
class R:
    def __rmul__(self, other):
        return 'rmul ' + repr(other)
for x, y in [('a', [1]), ([1], 'a'), ('a', b'x'), (b'x', [1]), ([1], b'x'), ((1,), 'a'),
             ('a', (1,)), ('a', 1.5), (1.5, 'a'), (bytearray(b'a'), 'b'), ('a', None),
             (None, 'a'), (b'x', 2.0), ('ab', R()), ([1], R()), (b'x', R())]:
    try:
        print(repr(x * y))
    except TypeError as e:
        print('TypeError:', e)
'a' * [1]
