/* framebuf: MicroPython's FrameBuffer, drawing into a bytearray in one of its pixel formats
 * (MONO_VLSB for SSD1306-like displays, MONO_HLSB/HMSB, RGB565, GS2/GS4/GS8). The pixel
 * semantics are MicroPython's: what a shape sets, its clipping at the edges, the line's
 * Bresenham steps, the text font's 8x8 cells, blit's key colour, scroll leaving the uncovered
 * band as it was. The bytearray is looked at on every call, so it may be replaced or resized
 * by the program without the drawing ever leaving it (a buffer too small raises). */
#include <string.h>
#include "py/mod/machine.h"
#include "py/mod/font8x8.h"

/* MicroPython's format numbers */
enum { MVLSB = 0, RGB565 = 1, GS4_HMSB = 2, MHLSB = 3, MHMSB = 4, GS2_HMSB = 5, GS8 = 6 };
/* coordinates are clamped to this, so that sums cannot overflow and a line is bounded */
#define COORD_MAX (1 << 20)

typedef struct { const py_type *type; pv buffer; int width, height, stride, format; } fb_obj;
/* a frame buffer being drawn: its object and its bytes for this call. The helpers take it by
 * address: by value it is two more words at each of the many call sites (270 B of flash). */
typedef struct { const fb_obj *fb; uint8_t *px; } canvas;

extern const py_type py_framebuf_type;

static int coord(pv v) {
    pint c = py_to_index(v);
    return c > COORD_MAX ? COORD_MAX : c < -COORD_MAX ? -COORD_MAX : (int)c;
}
static uint32_t colour(pv v) { return (uint32_t)py_to_index(v); }

/* The bytes a buffer of this shape needs (MicroPython's check). */
static size_t bytes_needed(int format, int stride, int height) {
    size_t rows = format == MVLSB ? (size_t)((height + 7) & ~7) : (size_t)height;
    size_t bits = format == RGB565 ? 16 : format == GS8 ? 8 : format == GS4_HMSB ? 4 : format == GS2_HMSB ? 2 : 1;
    return rows * (size_t)stride * bits / 8;
}

static canvas open_canvas(const fb_obj *fb) {
    if (!IS(fb->buffer, py_bytearray_type)) py_raisef(&py_TypeError_type, "FrameBuffer needs a bytearray");
    py_bytes *b = (py_bytes *)fb->buffer;
    if (b->len < bytes_needed(fb->format, fb->stride, fb->height)) py_raisef(&py_ValueError_type, "buffer too small");
    return (canvas){ fb, b->data };
}

/* ---- one pixel, in range (the callers clip) ---- */
/* Where a pixel's bits are in the formats of a byte or less a pixel: the byte, the shift of
 * the pixel's bits in it and their mask (RGB565, two whole bytes, is apart). */
typedef struct { uint8_t *p; int shift; uint32_t mask; } bits_at;
static bits_at locate(const canvas *c, int x, int y) {
    const fb_obj *fb = c->fb;
    int i = x + y * fb->stride;
    switch (fb->format) {
    case MVLSB: return (bits_at){ &c->px[(y >> 3) * fb->stride + x], y & 7, 1 };
    case MHLSB: return (bits_at){ &c->px[i >> 3], 7 - (x & 7), 1 };
    case MHMSB: return (bits_at){ &c->px[i >> 3], x & 7, 1 };
    case GS2_HMSB: return (bits_at){ &c->px[i >> 2], (x & 3) << 1, 3 };
    case GS4_HMSB: return (bits_at){ &c->px[i >> 1], x & 1 ? 0 : 4, 0x0f };
    default: return (bits_at){ &c->px[i], 0, 0xff };         /* GS8 */
    }
}

static void set_pixel(const canvas *c, int x, int y, uint32_t col) {
    if (c->fb->format == RGB565) {   /* little-endian, as on the MCUs MicroPython runs on */
        uint8_t *p = &c->px[2 * (x + y * c->fb->stride)];
        p[0] = (uint8_t)col;
        p[1] = (uint8_t)(col >> 8);
        return;
    }
    bits_at at = locate(c, x, y);
    uint32_t v = at.mask == 1 ? col != 0 : col & at.mask;   /* mono: any colour but 0 is on */
    *at.p = (uint8_t)((*at.p & ~(at.mask << at.shift)) | v << at.shift);
}

static uint32_t get_pixel(const canvas *c, int x, int y) {
    if (c->fb->format == RGB565) {
        const uint8_t *p = &c->px[2 * (x + y * c->fb->stride)];
        return p[0] | (uint32_t)p[1] << 8;
    }
    bits_at at = locate(c, x, y);
    return *at.p >> at.shift & at.mask;
}

static bool inside(const fb_obj *fb, int x, int y) { return x >= 0 && x < fb->width && y >= 0 && y < fb->height; }
static void set_clipped(const canvas *c, int x, int y, uint32_t col) { if (inside(c->fb, x, y)) set_pixel(c, x, y, col); }

/* A rectangle clipped to the buffer; nothing when it is empty or wholly outside. */
static void fill_rect(const canvas *c, int x, int y, int w, int h, uint32_t col) {
    const fb_obj *fb = c->fb;
    if (w < 1 || h < 1 || x + w <= 0 || y + h <= 0 || x >= fb->width || y >= fb->height) return;
    int xend = x + w < fb->width ? x + w : fb->width, yend = y + h < fb->height ? y + h : fb->height;
    if (x < 0) x = 0;
    if (y < 0) y = 0;
    if (fb->format == GS8) {
        for (int yy = y; yy < yend; yy++) memset(&c->px[yy * fb->stride + x], (int)(col & 0xff), (size_t)(xend - x));
        return;
    }
    for (int yy = y; yy < yend; yy++)
        for (int xx = x; xx < xend; xx++) set_pixel(c, xx, yy, col);
}

/* ---- FrameBuffer(buffer, width, height, format, stride=width) ---- */
static pv fb_make(const py_type *t, int n, pv *a, pv kw) {
    py_argcheck(n, 4, 5, "FrameBuffer");
    fb_obj *fb = NEW(fb_obj, py_framebuf_type);
    fb->buffer = a[0];
    pint w = py_to_index(a[1]), h = py_to_index(a[2]), f = py_to_index(a[3]);
    pint stride = n > 4 ? py_to_index(a[4]) : w;
    if (w < 1 || h < 1 || w > 0xffff || h > 0xffff || stride < w || stride > 0xffff)
        py_raisef(&py_ValueError_type, "invalid size");
    /* the horizontal formats keep each row in whole bytes */
    if (f == MHLSB || f == MHMSB) stride = (stride + 7) & ~7;
    else if (f == GS2_HMSB) stride = (stride + 3) & ~3;
    else if (f == GS4_HMSB) stride = (stride + 1) & ~1;
    else if (f != MVLSB && f != RGB565 && f != GS8) py_raisef(&py_ValueError_type, "invalid format");
    *fb = (fb_obj){ &py_framebuf_type, a[0], (int)w, (int)h, (int)stride, (int)f };
    open_canvas(fb);   /* checks the buffer now, as MicroPython does */
    return (pv)fb;
}

/* The table gives each method's argument count, and py_call checks self's type in an unbound
 * call (FrameBuffer.fill(x, 0)), as for any method of a builtin type. */
static canvas self_canvas(pv *a) { return open_canvas((const fb_obj *)a[0]); }
/* A drawing method's canvas and its first count arguments as coordinates, into v. */
static canvas shape_args(pv *a, int count, int *v) {
    canvas c = self_canvas(a);
    for (int i = 0; i < count; i++) v[i] = coord(a[i + 1]);
    return c;
}

static pv fb_fill(int n, pv *a, pv kw) {
    canvas c = self_canvas(a);
    fill_rect(&c, 0, 0, c.fb->width, c.fb->height, colour(a[1]));
    return PV_NONE;
}
static pv fb_fill_rect(int n, pv *a, pv kw) {
    int v[4];
    canvas c = shape_args(a, 4, v);
    fill_rect(&c, v[0], v[1], v[2], v[3], colour(a[5]));
    return PV_NONE;
}
/* pixel(x, y[, c]): the colour, or sets it; None (and nothing set) outside the buffer */
static pv fb_pixel(int n, pv *a, pv kw) {
    int v[2];
    canvas c = shape_args(a, 2, v);
    int x = v[0], y = v[1];
    if (!inside(c.fb, x, y)) return PV_NONE;
    if (n == 3) return py_new_int(get_pixel(&c, x, y));
    set_pixel(&c, x, y, colour(a[3]));
    return PV_NONE;
}
/* hline(x, y, w, c) and vline(x, y, h, c): fill_rect(x, y, w, 1, c) and fill_rect(x, y, 1, h, c),
 * called as such: no code of their own */
static pv fb_hline(int n, pv *a, pv kw) {
    pv args[6] = { a[0], a[1], a[2], a[3], MKSMALL(1), a[4] };
    return fb_fill_rect(6, args, kw);
}
static pv fb_vline(int n, pv *a, pv kw) {
    pv args[6] = { a[0], a[1], a[2], MKSMALL(1), a[3], a[4] };
    return fb_fill_rect(6, args, kw);
}
/* rect(x, y, w, h, c[, fill]): the outline's four sides, or the whole when fill is true */
static pv fb_rect(int n, pv *a, pv kw) {
    int v[4];
    canvas c = shape_args(a, 4, v);
    int x = v[0], y = v[1], w = v[2], h = v[3];
    uint32_t col = colour(a[5]);
    if (n > 6 && py_truth(a[6])) {
        fill_rect(&c, x, y, w, h, col);
        return PV_NONE;
    }
    /* the sides in a loop, top, bottom, left, right: one call site instead of four */
    for (int side = 0; side < 4; side++)
        fill_rect(&c, side == 3 ? x + w - 1 : x, side == 1 ? y + h - 1 : y, side < 2 ? w : 1, side < 2 ? 1 : h, col);
    return PV_NONE;
}
/* A line from (x1, y1) to (x2, y2): Bresenham along the longer axis, the end point last. */
static void draw_line(const canvas *c, int x1, int y1, int x2, int y2, uint32_t col) {
    int dx = x2 - x1, sx = 1, dy = y2 - y1, sy = 1;
    if (dx <= 0) { dx = -dx; sx = -1; }
    if (dy <= 0) { dy = -dy; sy = -1; }
    bool steep = dy > dx;
    if (steep) {   /* walk along y: swap the axes */
        int t = x1; x1 = y1; y1 = t;
        t = dx; dx = dy; dy = t;
        t = sx; sx = sy; sy = t;
    }
    int e = 2 * dy - dx;
    for (int i = 0; i < dx; i++) {
        if (steep) set_clipped(c, y1, x1, col);
        else set_clipped(c, x1, y1, col);
        while (e >= 0) { y1 += sy; e -= 2 * dx; }
        x1 += sx;
        e += 2 * dy;
    }
    set_clipped(c, x2, y2, col);
}
static pv fb_line(int n, pv *a, pv kw) {
    int v[4];
    canvas c = shape_args(a, 4, v);
    draw_line(&c, v[0], v[1], v[2], v[3], colour(a[5]));
    return PV_NONE;
}

/* ellipse(x, y, xr, yr, c[, fill[, quadrants]]): the midpoint algorithm, in two runs (where
 * the curve is flatter than 45 degrees, then steeper), each point mirrored into the quadrants
 * the mask picks (bit 0 upper right, 1 upper left, 2 lower left, 3 lower right); filled, each
 * point's row is drawn from the centre out. */
enum { Q_ALL = 0x0f, Q_FILL = 0x10 };
static void ellipse_points(const canvas *c, int cx, int cy, int x, int y, uint32_t col, int mask) {
    static const int8_t sx[4] = { 1, -1, -1, 1 }, sy[4] = { -1, -1, 1, 1 };
    for (int q = 0; q < 4; q++) {
        if (!(mask & 1 << q)) continue;
        if (mask & Q_FILL) fill_rect(c, sx[q] > 0 ? cx : cx - x, cy + sy[q] * y, x + 1, 1, col);
        else set_clipped(c, cx + sx[q] * x, cy + sy[q] * y, col);
    }
}
/* One run of the midpoint algorithm for the radii (ra, rb): from (ra, 0), q stepping by one
 * and p by one when the error says so, while the curve is flatter than 45 degrees. The second
 * run is the same with the radii swapped, its points mirrored back (swap). */
static void ellipse_run(const canvas *c, int cx, int cy, int ra, int rb, uint32_t col, int mask, bool swap) {
    int64_t two_a2 = 2 * (int64_t)ra * ra, two_b2 = 2 * (int64_t)rb * rb;
    int p = ra, q = 0;
    int64_t pchange = (int64_t)rb * rb * (1 - 2 * (int64_t)ra), qchange = (int64_t)ra * ra, err = 0;
    int64_t stop_p = two_b2 * ra, stop_q = 0;
    while (stop_p >= stop_q) {
        ellipse_points(c, cx, cy, swap ? q : p, swap ? p : q, col, mask);
        q++;
        stop_q += two_a2;
        err += qchange;
        qchange += two_a2;
        if (2 * err + pchange > 0) { p--; stop_p -= two_b2; err += pchange; pchange += two_b2; }
    }
}
static pv fb_ellipse(int n, pv *a, pv kw) {
    int v[4];
    canvas c = shape_args(a, 4, v);
    int cx = v[0], cy = v[1], xr = v[2], yr = v[3];
    uint32_t col = colour(a[5]);
    int mask = (n > 6 && py_truth(a[6]) ? Q_FILL : 0) | (n > 7 ? (int)py_to_index(a[7]) & Q_ALL : Q_ALL);
    ellipse_run(&c, cx, cy, xr, yr, col, mask, false);
    ellipse_run(&c, cx, cy, yr, xr, col, mask, true);
    return PV_NONE;
}

/* poly(x, y, coords, c[, fill]): the closed polygon of the vertices (x + coords[2i], y +
 * coords[2i + 1]), coords a list or tuple of ints. Its edges are walked from the first vertex
 * back through the last (v0-v(n-1), v(n-1)-v(n-2), ..., v1-v0), as MicroPython walks them. */
static pv fb_poly(int n, pv *a, pv kw) {
    canvas c = self_canvas(a);
    int x = coord(a[1]), y = coord(a[2]);
    uint32_t col = colour(a[4]);
    bool fill = n > 5 && py_truth(a[5]);
    if (!IS(a[3], py_list_type) && !IS(a[3], py_tuple_type))
        py_raisef(&py_TypeError_type, "poly() needs a list or tuple of coordinates");
    size_t len;
    pv *items;
    py_seq_items(a[3], &len, &items);
    int count = (int)(len / 2);
    if (!count) return PV_NONE;
    int *v = gc_alloc((size_t)count * 3 * sizeof(int), GC_RAW);   /* the vertices, then a row's nodes */
    for (int i = 0; i < 2 * count; i++) v[i] = coord(items[i]);
    if (!fill) {
        for (int i = 0, prev = 0, next; i < count; i++, prev = next) {
            next = count - 1 - i;
            draw_line(&c, x + v[2 * prev], y + v[2 * prev + 1], x + v[2 * next], y + v[2 * next + 1], col);
        }
        return PV_NONE;
    }
    /* filled: on each row, the x where edges cross it (an edge's lower end not counted),
     * sorted and filled in pairs; on the row of an edge's lower end, that end's pixel (or a
     * level edge itself), so that points and flat bottoms are not lost */
    int ymin = v[1], ymax = v[1], *nodes = v + 2 * count;
    for (int i = 1; i < count; i++) {
        if (v[2 * i + 1] < ymin) ymin = v[2 * i + 1];
        if (v[2 * i + 1] > ymax) ymax = v[2 * i + 1];
    }
    if (ymin < -y) ymin = -y;                                /* rows outside draw nothing */
    if (ymax > c.fb->height - 1 - y) ymax = c.fb->height - 1 - y;
    for (int row = ymin; row <= ymax; row++) {
        int found = 0;
        for (int i = 0, prev = 0, next; i < count; i++, prev = next) {
            next = count - 1 - i;
            int px1 = v[2 * prev], py1 = v[2 * prev + 1], px2 = v[2 * next], py2 = v[2 * next + 1];
            if (py1 != py2 && ((py1 > row && py2 <= row) || (py1 <= row && py2 > row)))
                nodes[found++] = (int)((32 * (int64_t)px1 + 32 * (int64_t)(px2 - px1) * (row - py1) / (py2 - py1) + 16) / 32);
            else if (row == (py1 > py2 ? py1 : py2)) {
                if (py1 < py2) set_clipped(&c, x + px2, y + py2, col);
                else if (py2 < py1) set_clipped(&c, x + px1, y + py1, col);
                else draw_line(&c, x + px1, y + py1, x + px2, y + py2, col);
            }
        }
        for (int i = 1; i < found; i++)         /* insertion sort: a few nodes a row */
            for (int k = i; k > 0 && nodes[k - 1] > nodes[k]; k--) { int t = nodes[k]; nodes[k] = nodes[k - 1]; nodes[k - 1] = t; }
        for (int i = 0; i + 1 < found; i += 2) fill_rect(&c, x + nodes[i], y + row, nodes[i + 1] - nodes[i] + 1, 1, col);
    }
    return PV_NONE;
}

/* blit(source, x, y, key=-1, palette=None): source's pixels at (x, y), clipped; pixels of the
 * key colour are left out; a palette (a FrameBuffer one pixel high) maps source colours. */
static pv fb_blit(int n, pv *a, pv kw) {
    canvas c = self_canvas(a);
    if (!IS(a[1], py_framebuf_type)) py_raisef(&py_TypeError_type, "blit() needs a FrameBuffer to copy");
    canvas src = open_canvas((const fb_obj *)a[1]);
    int x = coord(a[2]), y = coord(a[3]);
    uint32_t key = n > 4 ? colour(a[4]) : (uint32_t)-1;
    bool mapped = n > 5 && a[5] != PV_NONE;
    canvas pal = c;
    if (mapped) {
        if (!IS(a[5], py_framebuf_type)) py_raisef(&py_TypeError_type, "palette must be a FrameBuffer");
        pal = open_canvas((const fb_obj *)a[5]);
    }
    const fb_obj *d = c.fb, *s = src.fb;
    if (x >= d->width || y >= d->height || -x >= s->width || -y >= s->height) return PV_NONE;
    int x0 = x > 0 ? x : 0, y0 = y > 0 ? y : 0, sx0 = x < 0 ? -x : 0, sy = y < 0 ? -y : 0;
    int xend = x + s->width < d->width ? x + s->width : d->width;
    int yend = y + s->height < d->height ? y + s->height : d->height;
    for (; y0 < yend; y0++, sy++)
        for (int dx = x0, sx = sx0; dx < xend; dx++, sx++) {
            uint32_t col = get_pixel(&src, sx, sy);
            if (mapped) col = col < (uint32_t)pal.fb->width ? get_pixel(&pal, (int)col, 0) : 0;
            if (col != key) set_pixel(&c, dx, y0, col);
        }
    return PV_NONE;
}

/* scroll(dx, dy): the picture moves; the band it leaves keeps its old pixels */
static pv fb_scroll(int n, pv *a, pv kw) {
    canvas c = self_canvas(a);
    const fb_obj *fb = c.fb;
    int xstep = coord(a[1]), ystep = coord(a[2]);
    int sx, xend, dx, y, yend, dy;
    if (xstep < 0) { sx = 0; xend = fb->width + xstep; dx = 1; if (xend <= 0) return PV_NONE; }
    else { sx = fb->width - 1; xend = xstep - 1; dx = -1; if (xend >= sx) return PV_NONE; }
    if (ystep < 0) { y = 0; yend = fb->height + ystep; dy = 1; if (yend <= 0) return PV_NONE; }
    else { y = fb->height - 1; yend = ystep - 1; dy = -1; if (yend >= y) return PV_NONE; }
    for (; y != yend; y += dy)
        for (int x = sx; x != xend; x += dx) set_pixel(&c, x, y, get_pixel(&c, x - xstep, y - ystep));
    return PV_NONE;
}

/* text(s, x, y, c=1): 8x8 cells from (x, y); only the glyphs' lit pixels are drawn */
static pv fb_text(int n, pv *a, pv kw) {
    canvas c = self_canvas(a);
    size_t len;
    const uint8_t *s = py_mod_buffer(a[1], &len);
    int x = coord(a[2]), y = coord(a[3]);
    uint32_t col = n > 4 ? colour(a[4]) : 1;
    for (size_t i = 0; i < len; i++, x += FONT_CELL) {
        unsigned ch = s[i] >= FONT_FIRST && s[i] <= FONT_LAST ? s[i] : FONT_LAST;
        const uint8_t *glyph = &font8x8[(ch - FONT_FIRST) * FONT_COLUMNS];
        for (int col_i = 0; col_i < FONT_COLUMNS; col_i++)
            for (int row = 0; row < FONT_CELL; row++)
                if (glyph[col_i] >> row & 1) set_clipped(&c, x + FONT_LEFT + col_i, y + row, col);
    }
    return PV_NONE;
}

static pv fb_repr(pv o) {
    const fb_obj *fb = (const fb_obj *)o;
    return py_strf("<FrameBuffer %dx%d format %d>", fb->width, fb->height, fb->format);
}
static void fb_mark(pv o, gc_heap *h) { gc_mark(h, ((fb_obj *)o)->buffer); }

static const py_builtin fb_methods[] = {
    METHOD(fill, fb_fill, 1, 1), METHOD(fill_rect, fb_fill_rect, 5, 5), METHOD(pixel, fb_pixel, 2, 3),
    METHOD(hline, fb_hline, 4, 4), METHOD(vline, fb_vline, 4, 4), METHOD(rect, fb_rect, 5, 6), METHOD(line, fb_line, 5, 5),
    METHOD(ellipse, fb_ellipse, 5, 7), METHOD(poly, fb_poly, 4, 5), METHOD(blit, fb_blit, 3, 5), METHOD(scroll, fb_scroll, 2, 2),
    METHOD(text, fb_text, 3, 4), METHODS_END };
const py_type py_framebuf_type = { &py_type_type, "FrameBuffer", .base = &py_object_type,
    .methods = fb_methods, .make = fb_make, .repr = fb_repr, .mark = fb_mark };

static const py_builtin framebuf_consts[] = {
    MCONST(MONO_VLSB, MVLSB), MCONST(MVLSB, MVLSB), MCONST(RGB565, RGB565), MCONST(GS2_HMSB, GS2_HMSB),
    MCONST(GS4_HMSB, GS4_HMSB), MCONST(GS8, GS8), MCONST(MONO_HLSB, MHLSB), MCONST(MONO_HMSB, MHMSB),
    METHODS_END };

pv py_mod_framebuf(pv m) {
    py_mod_add(m, framebuf_consts);
    py_mod_set(m, "FrameBuffer", (pv)&py_framebuf_type);
    return m;
}
