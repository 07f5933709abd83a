# Draws on the SSD1306 display (the simulator's virtual board has one on SPI 1 and on I2C at
# 0x3C): display.py [spi|i2c [FRAMES]] shows the system's name, a frame counter and a ball
# bouncing in a box, a frame every 100 ms, until FRAMES frames are drawn or it is killed.
# `hold` pauses it, `resume` goes on, `kill` ends it with the display cleared.
from machine import Pin, SPI, I2C
import sdata
import ssd1306
import utime

proc = None    # the running process, set by the system


def open_display(bus):
    if bus == "i2c":
        return ssd1306.SSD1306_I2C(128, 64, I2C(0))
    return ssd1306.SSD1306_SPI(128, 64, SPI(1), Pin(3), Pin(11), Pin(10))


def draw(d, n, x, y):
    d.fill(0)
    d.text(sdata.name, 0, 0, 1)
    d.hline(0, 10, 128, 1)
    d.text("frame %d" % n, 0, 14, 1)
    d.rect(0, 24, 128, 40, 1)
    d.fill_rect(x, y, 4, 4, 1)
    d.show()


def __main__(args):
    d = open_display(args[0] if args else "spi")
    frames = int(args[1]) if len(args) > 1 else -1
    x, y, dx, dy, n = 10, 30, 3, 2, 0
    try:
        while proc.sts != "S" and n != frames:
            if proc.sts == "H":
                utime.sleep_ms(100)
                continue
            n += 1
            draw(d, n, x, y)
            x, y = x + dx, y + dy
            if not 1 <= x <= 123:
                dx = -dx
            if not 25 <= y <= 59:
                dy = -dy
            utime.sleep_ms(100)
    finally:
        if n != frames:
            d.fill(0)
            d.show()
