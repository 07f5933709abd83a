# The 0 flag in a format spec pads with zeros even when an alignment is given, unless a fill
# character is given too: '{:=+09.3f}', '<09', '^010', and 'x=09' (explicit fill wins).
for v in (3.14159, -3.14159, 0.0, 12345.678):
    print(repr('{:=+09.3f}'.format(v)), repr('{:=09.3f}'.format(v)), repr(format(v, '=+010.2e')))
    print(repr(format(v, '<09.1f')), repr(format(v, '^010.2f')), repr(format(v, '>09.1f')),
          repr(format(v, 'x=09.1f')), repr(format(v, '09.1f')))
for n in (3, -42, 0):
    print(repr(format(n, '=+09d')), repr(format(n, '<09d')), repr(format(n, '^09d')),
          repr(format(n, 'x<09d')), repr(format(n, '=09x')), repr(f'{n:=+9d}'))
print(repr(format('ab', '<05s')), repr(format('ab', '05s')), repr(format('ab', '^07')))
print(repr('{:0=+8,d}'.format(1234)), repr('{:=08,}'.format(-1234)))
