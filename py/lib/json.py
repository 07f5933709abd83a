# json for upyOS-C: dumps and loads, written in Python and frozen into the firmware.
class JSONDecodeError(ValueError):
    pass

_ESC = {'"': '\\"', '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f'}

def _str(s, ascii_only):
    out = ['"']
    for ch in s:
        e = _ESC.get(ch)
        if e:
            out.append(e)
            continue
        o = ord(ch)
        if o < 0x20 or (ascii_only and o > 0x7f):
            if o > 0xffff:
                o -= 0x10000
                out.append('\\u%04x\\u%04x' % (0xd800 + (o >> 10), 0xdc00 + (o & 0x3ff)))
            else:
                out.append('\\u%04x' % o)
        else:
            out.append(ch)
    out.append('"')
    return ''.join(out)

def dumps(obj, sort_keys=False, separators=None, indent=None, ensure_ascii=True):
    if separators:
        item_sep, key_sep = separators
    else:
        item_sep, key_sep = (', ', ': ') if indent is None else (',', ': ')
    if isinstance(indent, int):
        indent = ' ' * indent

    def enc(o, level):
        if o is None:
            return 'null'
        if o is True:
            return 'true'
        if o is False:
            return 'false'
        if isinstance(o, str):
            return _str(o, ensure_ascii)
        if isinstance(o, int):
            return int.__repr__(o)
        if isinstance(o, float):
            if o != o:
                return 'NaN'
            if o in (float('inf'), -float('inf')):
                return 'Infinity' if o > 0 else '-Infinity'
            return float.__repr__(o)
        if isinstance(o, (list, tuple)):
            if not o:
                return '[]'
            parts = [enc(x, level + 1) for x in o]
            if indent is None:
                return '[' + item_sep.join(parts) + ']'
            pad = '\n' + indent * (level + 1)
            return '[' + pad + (item_sep + pad).join(parts) + '\n' + indent * level + ']'
        if isinstance(o, dict):
            if not o:
                return '{}'
            items = sorted(o.items()) if sort_keys else o.items()
            parts = []
            for k, v in items:
                if isinstance(k, str):
                    ks = _str(k, ensure_ascii)
                elif k is None or isinstance(k, (int, float)):
                    ks = '"' + enc(k, level) + '"'
                else:
                    raise TypeError('keys must be str, int, float, bool or None, not ' + type(k).__name__)
                parts.append(ks + key_sep + enc(v, level + 1))
            if indent is None:
                return '{' + item_sep.join(parts) + '}'
            pad = '\n' + indent * (level + 1)
            return '{' + pad + (item_sep + pad).join(parts) + '\n' + indent * level + '}'
        raise TypeError('Object of type %s is not JSON serializable' % type(o).__name__)
    return enc(obj, 0)

def dump(obj, fp, **kw):
    fp.write(dumps(obj, **kw))

_WS = ' \t\n\r'

def loads(s):
    if isinstance(s, (bytes, bytearray)):
        s = s.decode()
    n = len(s)

    def fail(msg, i):
        raise JSONDecodeError('%s: line 1 column %d (char %d)' % (msg, i + 1, i))

    def ws(i):
        while i < n and s[i] in _WS:
            i += 1
        return i

    def value(i):
        i = ws(i)
        if i >= n:
            fail('Expecting value', i)
        c = s[i]
        if c == '{':
            d = {}
            i = ws(i + 1)
            if i < n and s[i] == '}':
                return d, i + 1
            while True:
                i = ws(i)
                if i >= n or s[i] != '"':
                    fail('Expecting property name enclosed in double quotes', i)
                k, i = string(i + 1)
                i = ws(i)
                if i >= n or s[i] != ':':
                    fail("Expecting ':' delimiter", i)
                v, i = value(i + 1)
                d[k] = v
                i = ws(i)
                if i < n and s[i] == ',':
                    i += 1
                    continue
                if i < n and s[i] == '}':
                    return d, i + 1
                fail("Expecting ',' delimiter", i)
        if c == '[':
            l = []
            i = ws(i + 1)
            if i < n and s[i] == ']':
                return l, i + 1
            while True:
                v, i = value(i)
                l.append(v)
                i = ws(i)
                if i < n and s[i] == ',':
                    i += 1
                    continue
                if i < n and s[i] == ']':
                    return l, i + 1
                fail("Expecting ',' delimiter", i)
        if c == '"':
            return string(i + 1)
        for word, val in (('null', None), ('true', True), ('false', False), ('NaN', float('nan')),
                          ('Infinity', float('inf')), ('-Infinity', -float('inf'))):
            if s.startswith(word, i):
                return val, i + len(word)
        j = i
        if j < n and s[j] == '-':
            j += 1
        while j < n and s[j] in '0123456789':
            j += 1
        isfloat = False
        if j < n and s[j] == '.':
            isfloat = True
            j += 1
            while j < n and s[j] in '0123456789':
                j += 1
        if j < n and s[j] in 'eE':
            isfloat = True
            j += 1
            if j < n and s[j] in '+-':
                j += 1
            while j < n and s[j] in '0123456789':
                j += 1
        if j == i or s[i:j] == '-':
            fail('Expecting value', i)
        return (float(s[i:j]) if isfloat else int(s[i:j])), j

    def string(i):
        out = []
        while True:
            if i >= n:
                fail('Unterminated string starting at', i)
            c = s[i]
            if c == '"':
                return ''.join(out), i + 1
            if c == '\\':
                e = s[i + 1] if i + 1 < n else ''
                if e == 'u':
                    cp = int(s[i + 2:i + 6], 16)
                    i += 6
                    if 0xd800 <= cp < 0xdc00 and s[i:i + 2] == '\\u':
                        lo = int(s[i + 2:i + 6], 16)
                        cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00)
                        i += 6
                    out.append(chr(cp))
                    continue
                m = {'"': '"', '\\': '\\', '/': '/', 'b': '\b', 'f': '\f', 'n': '\n', 'r': '\r', 't': '\t'}.get(e)
                if m is None:
                    fail('Invalid \\escape', i)
                out.append(m)
                i += 2
                continue
            out.append(c)
            i += 1

    v, i = value(0)
    i = ws(i)
    if i != n:
        fail('Extra data', i)
    return v

def load(fp):
    return loads(fp.read())
