# bytes and bytearray startswith/endswith: one prefix or a tuple of them, with start and end,
# and the TypeErrors for a str or an int where bytes are expected.
for x in [b'', b'a', b'bc', (b'.txt', b'.py'), (b'a', bytearray(b'c')), (b'bc', b'zz'),
          bytearray(b'ab'), ()]:
    for f in (b'abc'.startswith, b'abc'.endswith, bytearray(b'abc').startswith,
              bytearray(b'abc').endswith):
        print(f(x), f(x, 1), f(x, 1, 2), f(x, -2), f(x, 0, -1))
print(b'hello.py'.endswith((b'.txt', b'.py')), b'\xff\xfe.bin'.endswith(b'.bin'),
      b'\xc3\xa9x'.startswith(b'\xc3'), b'\xc3\xa9x'.endswith((b'\xa9x',)))
for x in [1, 'a', ('a',), (b'a', 1), None]:
    for f in (b'abc'.startswith, bytearray(b'abc').endswith):
        try:
            print(f(x))
        except TypeError as e:
            print('TypeError:', e)
