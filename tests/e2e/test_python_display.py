"""framebuf, checked on every port against an independent model (fbmodel.py): the pixels of
lines, rectangles, text, blit and scroll at and across the edges, in each format."""
from conftest import put_file
from fbmodel import GS8, MONO_HLSB, MONO_HMSB, MONO_VLSB, RGB565, Model

# Drawing operations at and across the edges, on a frame buffer fb and a small source src.
OPS = [
    "fb.fill(0)", "src.fill(0)",
    "fb.pixel(0, 0, 1)", "fb.pixel(W - 1, H - 1, 1)", "fb.pixel(W, 0, 1)", "fb.pixel(-1, 3, 1)",
    "fb.hline(-4, 1, 10, C1)", "fb.hline(W - 3, 2, 10, C2)", "fb.hline(2, 3, -5, C1)",
    "fb.vline(1, -5, 9, C2)", "fb.vline(W - 1, H - 4, 10, C1)",
    "fb.line(-3, -2, W + 4, H + 1, C1)", "fb.line(W - 1, 0, 0, H - 1, C2)",
    "fb.line(5, H + 3, 9, -6, C1)", "fb.line(3, 4, 3, 4, C2)", "fb.line(W + 2, 5, -2, 7, C1)",
    "fb.rect(-2, -2, 6, 5, C2)", "fb.rect(W - 4, H - 3, 9, 9, C1)", "fb.rect(6, 6, 5, 4, C2, True)",
    "fb.rect(10, 2, 0, 4, C1)", "fb.fill_rect(W - 2, -3, 5, 6, C2)", "fb.fill_rect(4, H - 1, 3, 1, C1)",
    "fb.text('Ab~', -3, H - 6, C1)", "fb.text('xyz' + chr(200), W - 12, -2, C2)",
    "src.fill_rect(1, 1, 5, 4, C1)", "src.pixel(0, 0, C2)", "src.text('#', 0, -1, C2)",
    "fb.blit(src, -3, 4)", "fb.blit(src, W - 5, H - 4, 0)", "fb.blit(src, 12, -3, C1)",
    "fb.scroll(3, -2)", "fb.scroll(-1, 4)", "fb.scroll(W, 0)", "fb.scroll(0, -H - 1)",
    "fb.text('ok', 14, 9)",
]
# format: (width, height, colours C1 C2, bytes the buffer needs)
FORMATS = {
    MONO_VLSB: ("MONO_VLSB", 37, 21, 1, 5, lambda w, h: (h + 7) // 8 * w),
    MONO_HLSB: ("MONO_HLSB", 37, 21, 1, 1, lambda w, h: (w + 7) // 8 * h),
    MONO_HMSB: ("MONO_HMSB", 29, 13, 1, 1, lambda w, h: (w + 7) // 8 * h),
    RGB565: ("RGB565", 23, 17, 0xF81F, 0x07E0, lambda w, h: 2 * w * h),
    GS8: ("GS8", 25, 14, 0x80, 0x3C, lambda w, h: w * h),
}
SRC_SIZE = (9, 7)


def drawing_program():
    lines = ["import framebuf"]
    for fmt, (name, w, h, c1, c2, size) in FORMATS.items():
        sw, sh = SRC_SIZE
        lines += [f"W, H, C1, C2 = {w}, {h}, {c1}, {c2}",
                  f"fb_bytes = bytearray({size(w, h)})",
                  f"fb = framebuf.FrameBuffer(fb_bytes, W, H, framebuf.{name})",
                  f"src = framebuf.FrameBuffer(bytearray({size(sw, sh)}), {sw}, {sh}, framebuf.{name})"]
        lines += OPS
        lines += ["print(fb.pixel(W, 0), fb.pixel(0, -1), fb.pixel(W - 1, H - 1), fb.pixel(0, 0))",
                  "print(bytes(fb_bytes).hex())"]
    return "\n".join(lines) + "\n"


def model_output():
    out = []
    for fmt, (name, w, h, c1, c2, size) in FORMATS.items():
        env = {"W": w, "H": h, "C1": c1, "C2": c2, "chr": chr,
               "fb": Model(w, h, fmt), "src": Model(*SRC_SIZE, fmt)}
        for op in OPS:
            eval(op, env)
        fb = env["fb"]
        out.append(" ".join(str(fb.pixel(*xy)) for xy in ((w, 0), (0, -1), (w - 1, h - 1), (0, 0))))
        out.append(fb.encode().hex())
    return out


def test_framebuf_draws_as_the_model_at_the_edges(upyos, rootdir):
    put_file(rootdir, "/opt/fbdraw.py", drawing_program())
    got = upyos.run("/opt/fbdraw.py", timeout=60).splitlines()
    want = model_output()
    assert len(got) == len(want), got
    for i, (g, w) in enumerate(zip(got, want)):
        assert g == w, f"format {list(FORMATS.values())[i // 2][0]}, line {i % 2}"


def test_framebuf_checks_its_arguments(upyos, rootdir):
    put_file(rootdir, "/opt/fbargs.py",
             "import framebuf\n"
             "for args in ((bytearray(10), 8, 16, framebuf.MONO_VLSB), (bytearray(100), 8, 8, 9),\n"
             "             (bytearray(100), 0, 8, framebuf.GS8), (b'x' * 64, 8, 8, framebuf.GS8),\n"
             "             (bytearray(100), 8, 8, framebuf.GS8, 4)):\n"
             "    try:\n"
             "        framebuf.FrameBuffer(*args)\n"
             "        print('made')\n"
             "    except (ValueError, TypeError) as e:\n"
             "        print(type(e).__name__)\n"
             "b = bytearray(16)\n"
             "fb = framebuf.FrameBuffer(b, 16, 8, framebuf.MONO_VLSB)\n"
             "del b[8:]\n"
             "try:\n"
             "    fb.fill(1)\n"
             "except ValueError as e:\n"
             "    print('shrunk', e)\n"
             "print(framebuf.MVLSB == framebuf.MONO_VLSB, framebuf.FrameBuffer(bytearray(8), 8, 8, framebuf.MONO_HLSB))\n")
    assert upyos.run("/opt/fbargs.py") == (
        "ValueError\nValueError\nValueError\nTypeError\nValueError\n"
        "shrunk buffer too small\nTrue <FrameBuffer 8x8 format 3>\n")
