"""framebuf and the display. framebuf is checked on every port against an independent model
(fbmodel.py): the pixels of lines, rectangles, ellipses, polygons, text, blit and scroll at
and across the edges, in each format. The SSD1306 display is the posix simulator's virtual
board's: the init.sh lines of an upyOS system draw on it over SPI (and a program over I2C),
and the picture the controller lights, read through --board-ctl, is the program's own frame
buffer; in the web desktop, headless Chromium's screenshot of the display canvas shows the
same pixels."""
import base64
import json
import os
import re
import struct
import subprocess
import zlib

import pytest

from board_ctl import boot_with_board
from conftest import REPO, SLOW, put_file
from fbmodel import GS8, MONO_HLSB, MONO_HMSB, MONO_VLSB, RGB565, Model, vlsb_to_rows
from netutil import set_password, start_service
from procutil import end_jobs, start_background, until

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
    "fb.ellipse(W // 2, H // 2, W // 2 + 3, 6, C1)", "fb.ellipse(3, 3, 5, 9, C2, True)",
    "fb.ellipse(W - 2, H - 2, 4, 4, C1, True, 0b0101)", "fb.ellipse(10, 10, 0, 3, C2)",
    "fb.ellipse(8, H - 4, 6, 2, C2, False, 0b1010)",
    "fb.poly(W // 2, 2, [0, 0, 9, 4, 3, 12, -6, 7], C2)",
    "fb.poly(-3, H - 8, [0, 0, 12, 2, 9, 10, 4, 4, 0, 9], C1, True)",
    "fb.poly(W - 8, -2, [0, 0, 10, 0, 10, 6, 5, 3, 0, 6], C2, True)",
    "fb.poly(4, 4, [3, 3], C1, True)", "fb.poly(5, 5, [], C1)",
    "fb.poly(W // 2 - 6, H // 2, [0, 0, 11, 0, 5, 7, 4, 4], C2, True)",
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


def op_lines(w, h, c1, c2):
    """OPS for one frame buffer as lines "TARGET METHOD ARG...", the arguments worked out: a
    number, "@src" for the source frame buffer, "s" and a string's UTF-8 bytes in hex, or "l"
    and a list's numbers joined by commas."""
    env = {"W": w, "H": h, "C1": c1, "C2": c2, "chr": chr, "src": "@src"}
    lines = []
    for op in OPS:
        target, method, args = re.match(r"(\w+)\.(\w+)\((.*)\)$", op).groups()
        words = [target, method]
        for a in eval(f"({args},)", env):
            if isinstance(a, list):
                words.append("l" + ",".join(str(v) for v in a))
            else:
                words.append(a if a == "@src" else "s" + a.encode().hex() if isinstance(a, str) else str(int(a)))
        lines.append(" ".join(words))
    return "\n".join(lines) + "\n"


# Reads the operations from a file rather than compiling them: the program stays small
# enough for an MCU's heap.
DRAW_PROGRAM = """\
import framebuf, sys
def arg(word, src):
    if word == "@src":
        return src
    if word[0] == "l":
        return [int(v) for v in word[1:].split(",")] if word[1:] else []
    return bytes.fromhex(word[1:]).decode() if word[0] == "s" else int(word)
def run(path, fb, src):
    for line in open(path):
        words = line.split()
        args = [arg(w, src) for w in words[2:]]
        getattr(fb if words[0] == "fb" else src, words[1])(*args)
fmt, w, h, size, sw, sh, ssize = [int(a) for a in sys.argv[2:]]
buf = bytearray(size)
fb = framebuf.FrameBuffer(buf, w, h, fmt)
run(sys.argv[1], fb, framebuf.FrameBuffer(bytearray(ssize), sw, sh, fmt))
print(fb.pixel(w, 0), fb.pixel(0, -1), fb.pixel(w - 1, h - 1), fb.pixel(0, 0))
print(bytes(buf).hex())
"""


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
    put_file(rootdir, "/opt/fbdraw.py", DRAW_PROGRAM)
    for fmt, (name, w, h, c1, c2, size) in FORMATS.items():
        put_file(rootdir, f"/opt/ops{fmt}.txt", op_lines(w, h, c1, c2))
    want = model_output()
    for i, (fmt, (name, w, h, c1, c2, size)) in enumerate(FORMATS.items()):
        sw, sh = SRC_SIZE
        got = upyos.run(f"/opt/fbdraw.py /opt/ops{fmt}.txt {fmt} {w} {h} {size(w, h)} {sw} {sh} "
                        f"{size(sw, sh)}", timeout=60).splitlines()
        assert got == want[2 * i:2 * i + 2], name


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



FB_ARITY = """\
import framebuf
fb = framebuf.FrameBuffer(bytearray(32), 16, 16, framebuf.MONO_HLSB)
src = framebuf.FrameBuffer(bytearray(4), 4, 4, framebuf.MONO_HLSB)
# each method's documented argument count: the fewest and the most after self
counts = (("fill", 1, 1), ("fill_rect", 5, 5), ("pixel", 2, 3), ("hline", 4, 4), ("vline", 4, 4),
          ("rect", 5, 6), ("line", 5, 5), ("ellipse", 5, 7), ("poly", 4, 5), ("blit", 3, 5),
          ("scroll", 2, 2), ("text", 3, 4))
args = {"poly": (1, 1, [0, 0, 2, 2], 1, 0), "blit": (src, 1, 1, 0, None),
        "text": ("a", 0, 0, 1)}
for name, fewest, most in counts:
    f = getattr(fb, name)
    given = args.get(name, (1, 1, 2, 2, 1, 1, 3))
    for n in (fewest - 1, fewest, most, most + 1):
        try:
            f(*(given + (0,))[:n])
            print(name, n, "ok")
        except TypeError:
            print(name, n, "TypeError")
"""


def test_framebuf_methods_take_their_documented_argument_counts(upyos, rootdir):
    put_file(rootdir, "/opt/fbarity.py", FB_ARITY)
    want = []
    for name, fewest, most in (("fill", 1, 1), ("fill_rect", 5, 5), ("pixel", 2, 3), ("hline", 4, 4),
                               ("vline", 4, 4), ("rect", 5, 6), ("line", 5, 5), ("ellipse", 5, 7),
                               ("poly", 4, 5), ("blit", 3, 5), ("scroll", 2, 2), ("text", 3, 4)):
        want += [f"{name} {fewest - 1} TypeError", f"{name} {fewest} ok", f"{name} {most} ok",
                 f"{name} {most + 1} TypeError"]
    assert upyos.run("/opt/fbarity.py", timeout=30).splitlines() == want


# ---- the SSD1306 of the posix simulator's virtual board ----

def picture(board):
    """(on, contrast, invert, rows) of the display, read through the control socket."""
    words = board.cmd("display").split()
    assert words[:3] == ["ok", "128", "64"], words[:3]
    return int(words[3]), int(words[4]), int(words[5]), bytes.fromhex(words[6])


def frame_buffer(c, name):
    return bytes.fromhex(c.run(f"< {name}.buffer.hex()").strip())


INIT_SH = [
    "export essid home-net",
    "> from machine import Pin, SPI",
    "> import ssd1306",
    "> sdata.d0 = ssd1306.SSD1306_SPI(128, 64, SPI(1), Pin(3), Pin(11), Pin(10))",
    "> d0 = sdata.d0",
    "> d0.fill(0)",
    '> d0.text(sdata.name + " " + sdata.version, 0, 0, 1)',
    "> d0.show()",
    '> d0.text("Try.. " + utls.getenv("essid"), 0, 26, 1)',
    "> d0.show()",
]


def run_init_lines(c):
    for line in INIT_SH:
        assert c.run(line, timeout=20) == "", line
    return c.run('< sdata.name + " " + sdata.version').strip()


def expected_text(banner):
    m = Model(128, 64, MONO_VLSB)
    m.text(banner, 0, 0)
    m.text("Try.. home-net", 0, 26)
    return m.encode()


@pytest.mark.posix_only
def test_init_sh_lines_draw_on_the_spi_display(boot, tmp_path):
    c, board = boot_with_board(boot, tmp_path)
    try:
        assert picture(board)[0] == 0                     # dark until a driver turns it on
        banner = run_init_lines(c)
        fb = frame_buffer(c, "d0")
        assert fb == expected_text(banner)                # the text's pixels are the font's
        on, contrast, invert, rows = picture(board)
        assert (on, contrast, invert) == (1, 255, 0)
        assert rows == vlsb_to_rows(fb, 128, 64)          # the controller lights the buffer
        assert sum(bin(b).count("1") for b in rows) > 200

        assert c.run("> d0.invert(1); d0.contrast(0x40)") == ""
        on, contrast, invert, rows = picture(board)
        assert (contrast, invert) == (0x40, 1)
        assert rows == bytes(b ^ 0xFF for b in vlsb_to_rows(fb, 128, 64))
        assert c.run("> d0.invert(0); d0.rotate(0)") == ""   # upside down: 180 degrees
        upright = vlsb_to_rows(fb, 128, 64)
        turned = bytes(int(f"{b:08b}"[::-1], 2) for b in upright[::-1])
        assert picture(board)[3] == turned
        assert c.run("> d0.rotate(1); d0.poweroff()") == ""
        assert picture(board)[0] == 0 and picture(board)[3] == bytes(1024)
        assert c.run("> d0.poweron()") == ""
        assert picture(board)[3] == upright
    finally:
        board.close()


@pytest.mark.posix_only
def test_a_program_draws_on_the_i2c_display(boot, tmp_path, rootdir):
    c, board = boot_with_board(boot, tmp_path)
    try:
        put_file(rootdir, "/opt/oled.py",
                 "from machine import I2C\nimport ssd1306\n"
                 "i2c = I2C(0)\nprint(0x3c in i2c.scan())\n"
                 "d = ssd1306.SSD1306_I2C(128, 64, i2c)\n"
                 "d.fill(0)\nd.rect(0, 0, 128, 64, 1)\nd.line(0, 63, 127, 0, 1)\n"
                 "d.fill_rect(100, 8, 20, 10, 1)\nd.text('I2C 0x3C', 8, 40, 1)\nd.show()\n"
                 "print(d.buffer.hex())\n")
        out = c.run("/opt/oled.py", timeout=30).splitlines()
        assert out[0] == "True"
        fb = bytes.fromhex(out[1])
        m = Model(128, 64, MONO_VLSB)
        m.rect(0, 0, 128, 64, 1)
        m.line(0, 63, 127, 0, 1)
        m.fill_rect(100, 8, 20, 10, 1)
        m.text("I2C 0x3C", 8, 40)
        assert fb == m.encode()
        on, _, _, rows = picture(board)
        assert on == 1 and rows == vlsb_to_rows(fb, 128, 64)
    finally:
        board.close()


# ---- the display in the web desktop ----

BROWSER_DIR = os.path.join(REPO, "tests", "browser")
HAVE_BROWSER = (__import__("shutil").which("node") and os.path.exists("/usr/bin/chromium")
                and os.path.isdir(os.path.join(BROWSER_DIR, "node_modules", "playwright-core")))


def png_pixels(data):
    """(width, height, rows of (r, g, b)) of an 8-bit RGB or RGBA PNG."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, width = 8, b"", 0
    while pos < len(data):
        length, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", body[:10])
            assert depth == 8 and colour in (2, 6), (depth, colour)
            bpp = 3 if colour == 2 else 4
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw, rows, prev = zlib.decompress(idat), [], bytearray(width * bpp)
    stride = width * bpp
    for y in range(height):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b, c = prev[i], prev[i - bpp] if i >= bpp else 0
            if kind == 1:
                line[i] = (line[i] + a) & 255
            elif kind == 2:
                line[i] = (line[i] + b) & 255
            elif kind == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append([tuple(line[x * bpp:x * bpp + 3]) for x in range(width)])
        prev = line
    return width, height, rows


@pytest.mark.posix_only
@pytest.mark.skipif(not HAVE_BROWSER, reason="chromium or playwright-core missing (tools/deps.sh)")
def test_the_web_desktop_shows_the_display(boot):
    c = boot()
    c.wait_prompt()
    set_password(c, "admin", "webpw")
    port = start_service(c, "uhttpd")
    run_init_lines(c)
    fb = frame_buffer(c, "d0")
    rows = vlsb_to_rows(fb, 128, 64)
    r = subprocess.run(["node", "display.js", f"http://127.0.0.1:{port}/", "admin", "webpw", rows.hex()],
                       cwd=BROWSER_DIR, capture_output=True, text=True, timeout=120 * SLOW)
    assert r.stdout.strip(), r.stderr[-2000:]
    seen = json.loads(r.stdout.strip().splitlines()[-1])
    assert "error" not in seen, seen
    width, height, px = png_pixels(base64.b64decode(seen["png"]))
    assert (width, height) == (256, 128) == tuple(seen["size"])
    # each dot is 2x2 screen pixels: lit ones bright, the rest black
    for y in range(64):
        for x in range(128):
            want = rows[y * 16 + x // 8] >> (7 - x % 8) & 1
            for sy in (2 * y, 2 * y + 1):
                for sx in (2 * x, 2 * x + 1):
                    assert (max(px[sy][sx]) > 128) == bool(want), (x, y, px[sy][sx])


# ---- the display demo in /opt ----

def demo_frame(name, n, x, y):
    m = Model(128, 64, MONO_VLSB)
    m.text(name, 0, 0)
    m.hline(0, 10, 128, 1)
    m.text(f"frame {n}", 0, 14)
    m.rect(0, 24, 128, 40, 1)
    m.fill_rect(x, y, 4, 4, 1)
    return vlsb_to_rows(m.encode(), 128, 64)


def demo_frames(name, count):
    """{picture: frame number} of the demo's first frames: the ball starts at (10, 30), moves
    by (3, 2) a frame and turns back when it leaves the box."""
    x, y, dx, dy, frames = 10, 30, 3, 2, {}
    for n in range(1, count + 1):
        frames[demo_frame(name, n, x, y)] = n
        x, y = x + dx, y + dy
        dx = dx if 1 <= x <= 123 else -dx
        dy = dy if 25 <= y <= 59 else -dy
    return frames


@pytest.mark.posix_only
def test_the_display_demo_draws_its_frames_and_clears_when_killed(boot, tmp_path):
    c, board = boot_with_board(boot, tmp_path)
    try:
        frames = demo_frames(c.run("< sdata.name").strip(), 400)
        assert c.run("/opt/display.py i2c 3", timeout=30) == ""
        assert frames.get(picture(board)[3]) == 3
        pid = start_background(c, "/opt/display.py spi")
        seen = set()

        def three_frames():
            seen.add(frames.get(picture(board)[3], "other"))
            return len(seen - {"other", 3}) >= 3
        assert until(three_frames, timeout=20), seen
        end_jobs(c, f"kill {pid}", [pid])
        assert picture(board)[3] == bytes(1024)
    finally:
        board.close()
