# float <-> text is exact whatever the C library: repr is the shortest round trip (ties and the
# narrow interval below a power of two), '%e' '%f' '%g' round the exact binary value half to
# even at any precision, and float() rounds a decimal of any length correctly
import struct


def from_bits(hi, lo):
    return struct.unpack('<d', struct.pack('<II', lo, hi))[0]


# powers of two (the interval below is half the one above), their neighbours, subnormals
for be in (0, 1, 2, 3, 52, 53, 500, 1022, 1023, 1024, 1075, 1500, 2045, 2046):
    for hi, lo in ((0, 0), (0, 1), (0xfffff, 0xffffffff)):
        x = from_bits(be << 20 | hi, lo)
        print(repr(x), float(repr(x)) == x, '%.17g' % x, '%.2e' % x)

# exact digits far past 17, and rounding at every precision
print('%.60e' % 1.5e300)
print('%.80f' % 0.1)
print('%.40e' % 5e-324)
print(('%.1080f' % 5e-324)[-60:])
print('%.30g' % (2.0 ** 100), '%.0f' % (2.0 ** 200))
for p in range(0, 22, 3):
    print(p, '%.*e' % (p, 2 / 3), '%.*f' % (p, 1e15 / 7), '%.*g' % (p, 123.456e-9), '%#.*g' % (p, 1e5))
for v in (0.5, 1.5, 2.5, 3.5, -0.5, 0.25, 0.75, 1.25, 1e22 + 2 ** 20 * 0.5, 9.5, 99.5, 0.05):
    print(repr(v), '%.0f' % v, '%.1f' % v, '%.0e' % v, '%.1e' % v, '%.1g' % v, round(v, 1))

# halfway points between neighbouring doubles, and a hair either side
halves = [
    '9007199254740993', '9007199254740993.0000000000000000000001', '9007199254740992.9999999999999999',
    '2.4703282292062327208828439643411068618252990130716238221279284125033775363510437593264991818081799618989828234772285886546332835517796989819938739800539093906315035659515570226392290858392449105184435931802849936536152500319370457678249219365623669863658480757001585769269903706311928279558551332927834338409351978015531246597263579574622766465272827220056374006485499977096599470454020828166226237857393450736339007967761930577506740176324673600968951340535537458516661134223766678604162159680461914467291840300530057530849048765391711386591646239524912623653881879636239373280423891018672348497668235089863388587925628302755995657524455507255189313690836254779186948667994968324049705821028513185451396213837722826145437693412532098591327667236328125e-324',
    '2.4703282292062328e-324', '2.4703282292062327e-324', '1e-324', '3e-324', '7.4109846876186982e-324',
    '1.7976931348623157e308', '1.7976931348623158e308', '1.797693134862315807e308', '1.7976931348623159e308',
    '0.1e1', '.1e-1', '1_0.2_5', '  -12.5e+0_1  ', '4.35', '8.41e21', '5e-600', '1e310',
    '0.' + '0' * 300 + '123456789' * 50, '123456789' * 40 + 'e-300',
]
for t in halves:
    x = float(t)
    print(repr(x), x == float(repr(x)))

# a seeded walk over bit patterns and short decimals, the same in every interpreter
s = 88172645463325252
for i in range(600):
    s = (s * 6364136223846793005 + 1442695040888963407) % 2 ** 64
    x = from_bits(s >> 32, s & 0xffffffff)
    if x != x or x - x != 0:
        continue
    p = s % 19
    print(repr(x), float(repr(x)) == x, '%.*e' % (p, x), '%.*g' % (p, x))
    d = float(str(s % 10 ** (s % 9 + 1)) + 'e' + str(s % 61 - 30))
    print(repr(d), '%.*f' % (p, d))

# what float() reads around the number, and what it refuses
for t in ['\r1.5', '1.5\r\n', '\x0b2.5\x0c', ' \t-3e2 ', '1_0.5', ' -Infinity ', '0' * 100 + '.5', '1' + '0' * 400 + 'e-400']:
    print(repr(float(t)))
for t in ['', ' ', '1e', 'e5', '.', '1.5x', '0x1p3', '--1', '1e+', 'nan(1)', '1.5\x00', '0' * 70 + 'x']:
    try:
        print(float(t))
    except ValueError as e:
        print('ValueError', e)
