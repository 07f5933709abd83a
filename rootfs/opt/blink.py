# Blinks a LED without a thread: blink.py [PIN [PERIOD_MS]] (GPIO 2, the simulator's LED,
# every 500 ms). `hold` pauses it, `resume` goes on, `kill` ends it with the LED off.
from machine import Pin
import utime

proc = None    # the running process, set by the system


def __main__(args):
    led = Pin(int(args[0]) if args else 2, Pin.OUT)
    half = (int(args[1]) if len(args) > 1 else 500) // 2
    try:
        while proc.sts != "S":
            if proc.sts == "H":
                utime.sleep_ms(100)
                continue
            led.toggle()
            utime.sleep_ms(half)
    finally:
        led.off()
