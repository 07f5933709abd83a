"""An independent model of MicroPython's framebuf, for checking py/mod/framebuf.c: pixels in a
plain 2-D list, each drawing operation written from MicroPython's documented behaviour, and
the bytes of each pixel format made from the pixels. The text font is read from the C header
(py/mod/font8x8.h), so a test compares the drawn text with the font itself."""
import os
import re

from conftest import REPO

MONO_VLSB, RGB565, GS4_HMSB, MONO_HLSB, MONO_HMSB, GS2_HMSB, GS8 = 0, 1, 2, 3, 4, 5, 6
FONT_FIRST, FONT_LAST, FONT_LEFT, CELL = 32, 127, 1, 8


def load_font():
    """{char code: the glyph's column bytes} from the C source."""
    text = open(os.path.join(REPO, "py", "mod", "font8x8.h")).read()
    table = text[text.index("font8x8["):]
    table = table[table.index("{") + 1:table.index("};")]
    table = re.sub(r"/\*.*?\*/", "", table, flags=re.S)
    data = [int(v, 16) for v in re.findall(r"0x[0-9A-Fa-f]{2}", table)]
    assert len(data) == (FONT_LAST - FONT_FIRST + 1) * 5
    return {FONT_FIRST + i: data[5 * i:5 * i + 5] for i in range(FONT_LAST - FONT_FIRST + 1)}


FONT = load_font()


class Model:
    def __init__(self, width, height, fmt):
        self.w, self.h, self.fmt = width, height, fmt
        self.p = [[0] * width for _ in range(height)]

    def _store(self, c):
        c &= 0xFFFFFFFF
        if self.fmt in (MONO_VLSB, MONO_HLSB, MONO_HMSB):
            return 1 if c else 0
        return c & {RGB565: 0xFFFF, GS8: 0xFF, GS4_HMSB: 0xF, GS2_HMSB: 0x3}[self.fmt]

    def _set(self, x, y, c):
        if 0 <= x < self.w and 0 <= y < self.h:
            self.p[y][x] = self._store(c)

    def fill_rect(self, x, y, w, h, c):
        for yy in range(y, y + h):
            for xx in range(x, x + w):
                self._set(xx, yy, c)

    def fill(self, c):
        self.fill_rect(0, 0, self.w, self.h, c)

    def pixel(self, x, y, c=None):
        if not (0 <= x < self.w and 0 <= y < self.h):
            return None
        if c is None:
            return self.p[y][x]
        self._set(x, y, c)
        return None

    def hline(self, x, y, w, c):
        self.fill_rect(x, y, w, 1, c)

    def vline(self, x, y, h, c):
        self.fill_rect(x, y, 1, h, c)

    def rect(self, x, y, w, h, c, fill=False):
        if fill:
            self.fill_rect(x, y, w, h, c)
            return
        self.fill_rect(x, y, w, 1, c)
        self.fill_rect(x, y + h - 1, w, 1, c)
        self.fill_rect(x, y, 1, h, c)
        self.fill_rect(x + w - 1, y, 1, h, c)

    def line(self, x1, y1, x2, y2, c):
        """Bresenham along the major axis: an error term started at 2*minor - major, the minor
        coordinate stepped while it is not negative; the end point is drawn last."""
        major_x = abs(y2 - y1) <= abs(x2 - x1)
        a, b, a_end = (x1, y1, x2) if major_x else (y1, x1, y2)
        da, db = (abs(x2 - x1), abs(y2 - y1)) if major_x else (abs(y2 - y1), abs(x2 - x1))
        sa = 1 if (x2 - x1 if major_x else y2 - y1) > 0 else -1
        sb = 1 if (y2 - y1 if major_x else x2 - x1) > 0 else -1
        err = 2 * db - da
        for _ in range(da):
            self._set(*((a, b) if major_x else (b, a)), c)
            while err >= 0:
                b += sb
                err -= 2 * da
            a += sa
            err += 2 * db
        self._set(x2, y2, c)

    def ellipse(self, cx, cy, xr, yr, c, fill=False, quadrants=0xF):
        """The midpoint ellipse: first the part where the curve is flatter than 45 degrees
        (stepping y, x when the error says so), then the steeper part (stepping x); each
        point is mirrored into the chosen quadrants (1 upper right, 2 upper left, 4 lower
        left, 8 lower right), a filled one as a row from the centre."""
        def plot(x, y):
            for bit, (sx, sy) in enumerate(((1, -1), (-1, -1), (-1, 1), (1, 1))):
                if quadrants >> bit & 1:
                    if fill:
                        self.fill_rect(cx if sx > 0 else cx - x, cy + sy * y, x + 1, 1, c)
                    else:
                        self._set(cx + sx * x, cy + sy * y, c)
        a2, b2 = xr * xr, yr * yr
        x, y, err = xr, 0, 0
        dx, dy = b2 * (1 - 2 * xr), a2
        while 2 * b2 * x >= 2 * a2 * y:
            plot(x, y)
            y, err, dy = y + 1, err + dy, dy + 2 * a2
            if 2 * err + dx > 0:
                x, err, dx = x - 1, err + dx, dx + 2 * b2
        x, y, err = 0, yr, 0
        dx, dy = b2, a2 * (1 - 2 * yr)
        while 2 * b2 * x <= 2 * a2 * y:
            plot(x, y)
            x, err, dx = x + 1, err + dx, dx + 2 * b2
            if 2 * err + dy > 0:
                y, err, dy = y - 1, err + dy, dy + 2 * a2

    def poly(self, x, y, coords, c, fill=False):
        """A closed polygon. Edges go from vertex 0 back through the last one. Filled: each
        row is filled between pairs of the sorted x where edges cross it, an edge counting on
        the rows from its upper end to just before its lower one (x rounded to the nearest,
        in 1/32 steps as C divides); the row of an edge's lower end gets that end's pixel,
        or the whole edge when it is level."""
        def cdiv(a, b):            # C's integer division: towards zero
            q = abs(a) // abs(b)
            return q if (a >= 0) == (b > 0) else -q
        pts = [(coords[2 * i], coords[2 * i + 1]) for i in range(len(coords) // 2)]
        if not pts:
            return
        edges = list(zip([pts[0]] + pts[:0:-1], pts[::-1]))
        if not fill:
            for (x1, y1), (x2, y2) in edges:
                self.line(x + x1, y + y1, x + x2, y + y2, c)
            return
        for row in range(min(p[1] for p in pts), max(p[1] for p in pts) + 1):
            nodes = []
            for (x1, y1), (x2, y2) in edges:
                if y1 != y2 and min(y1, y2) <= row < max(y1, y2):
                    nodes.append(cdiv(32 * x1 + cdiv(32 * (x2 - x1) * (row - y1), y2 - y1) + 16, 32))
                elif row == max(y1, y2):
                    if y1 == y2:
                        self.line(x + x1, y + y1, x + x2, y + y2, c)
                    else:
                        self._set(x + (x2 if y1 < y2 else x1), y + row, c)
            nodes.sort()
            for a, b in zip(nodes[::2], nodes[1::2]):
                self.fill_rect(x + a, y + row, b - a + 1, 1, c)

    def text(self, s, x, y, c=1):
        for i, ch in enumerate(s.encode()):
            glyph = FONT[ch if FONT_FIRST <= ch <= FONT_LAST else FONT_LAST]
            for col, bits in enumerate(glyph):
                for row in range(CELL):
                    if bits >> row & 1:
                        self._set(x + CELL * i + FONT_LEFT + col, y + row, c)

    def blit(self, src, x, y, key=-1):
        for sy in range(src.h):
            for sx in range(src.w):
                col = src.p[sy][sx]
                if col != key & 0xFFFFFFFF:
                    self._set(x + sx, y + sy, col)

    def scroll(self, dx, dy):
        old = [row[:] for row in self.p]
        for y in range(max(0, dy), min(self.h, self.h + dy)):
            for x in range(max(0, dx), min(self.w, self.w + dx)):
                self.p[y][x] = old[y - dy][x - dx]

    def encode(self):
        """The buffer's bytes in the model's format (stride = width, rounded up as
        MicroPython rounds it for the horizontal formats)."""
        w, h = self.w, self.h
        if self.fmt == MONO_VLSB:
            out = bytearray((h + 7) // 8 * w)
            for y in range(h):
                for x in range(w):
                    out[y // 8 * w + x] |= self.p[y][x] << (y % 8)
        elif self.fmt in (MONO_HLSB, MONO_HMSB):
            stride = (w + 7) & ~7
            out = bytearray(stride * h // 8)
            for y in range(h):
                for x in range(w):
                    shift = x % 8 if self.fmt == MONO_HMSB else 7 - x % 8
                    out[(x + y * stride) // 8] |= self.p[y][x] << shift
        elif self.fmt == RGB565:
            out = bytearray(2 * w * h)
            for y in range(h):
                for x in range(w):
                    out[2 * (x + y * w):2 * (x + y * w) + 2] = self.p[y][x].to_bytes(2, "little")
        elif self.fmt == GS8:
            out = bytearray(self.p[y][x] for y in range(h) for x in range(w))
        else:
            raise ValueError("format not modelled")
        return bytes(out)


def vlsb_to_rows(buf, width, height):
    """A MONO_VLSB buffer as rows of bits (the leftmost pixel in each byte's top bit), the
    form the display reports its picture in."""
    rows = bytearray(width * height // 8)
    for y in range(height):
        for x in range(width):
            if buf[y // 8 * width + x] >> (y % 8) & 1:
                rows[y * (width // 8) + x // 8] |= 0x80 >> (x % 8)
    return bytes(rows)
