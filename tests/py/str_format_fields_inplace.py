# str.format reads field names and specs inside its format string: names, indices,
# attributes, nested specs, a string that is one field, and a __format__'s result.
print('{:04d}'.format(7), '{}'.format(3), '{0}{1}{0}'.format('a', 'b'), '{x}-{y}'.format(x=1, y=2))
print('{0[1]}|{0[0]}'.format([4, 5]), '{a.real}'.format(a=3), '{d[k]}'.format(d={'k': 'v'}))
print('{:>{w}}|'.format('ab', w=5), '{:{}}|'.format(3, 4), '{0:{1}{2}}|'.format(7, '>', 3))
print(repr('{:{}}x'.format(1, 2)), '{!r:>6}'.format('q'), '{10}'.format(*range(11)))
print(len('{}{}{}'.format('x' * 70, 'y' * 30, 3)), '%s|%-4s|%05d' % ('z' * 60, 'b', -42))
print('{:*^9}'.format(-12), '{:+}'.format(5), '{:x}'.format(255), '{:,}'.format(1234567))


class F:
    def __format__(self, spec):
        return 'F<' + spec + '>'


class G:
    def __format__(self, spec):
        return 5


print('{:xyz}'.format(F()), '{}'.format(F()), '[{:{}}]'.format(F(), 'ab'), f'{F():q}')
for bad in ['{', '}', '{:d}x{']:
    try:
        print(bad.format(1, 2, 3))
    except Exception as e:
        print(type(e).__name__, e)
try:
    print('{}'.format(G()))
except TypeError as e:
    print('TypeError', e)
try:
    print('a{}b'.format(G()))
except TypeError as e:
    print('TypeError', e)
