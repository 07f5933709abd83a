# Reads the board's I2C temperature sensor (an LM75-like chip at 0x48) every few seconds:
# sensor.py [COUNT [PERIOD_MS]]; COUNT 0 reads until the program is stopped. It obeys hold
# (no reading while held) and kill, as upyOS programs do through proc.sts.
from machine import I2C
import time

SENSOR = 0x48


def celsius(raw):
    """The sensor's 9-bit two's complement reading, in half degrees, from its two bytes."""
    value = (raw[0] << 8 | raw[1]) >> 7
    if value & 0x100:
        value -= 0x200
    return value / 2


def __main__(args):
    count = int(args[0]) if args else 0
    period = int(args[1]) if len(args) > 1 else 2000
    i2c = I2C(0)
    if SENSOR not in i2c.scan():
        print("no temperature sensor on I2C bus 0")
        return
    done = 0
    while count == 0 or done < count:
        if proc.sts == "S":
            break
        if proc.sts == "H":
            time.sleep_ms(100)
            continue
        print("temperature", celsius(i2c.readfrom_mem(SENSOR, 0, 2)), "C")
        done += 1
        if count == 0 or done < count:
            time.sleep_ms(period)
