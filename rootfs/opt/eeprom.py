# Writes text into the board's I2C EEPROM (a 24C16 at 0x50..0x57) and reads it back:
# eeprom.py [TEXT [ADDRESS]]
from machine import I2C


def __main__(args):
    text = (args[0] if args else "upyOS").encode()
    addr = int(args[1], 0) if len(args) > 1 else 0
    i2c = I2C(0)
    if 0x50 not in i2c.scan():
        print("no EEPROM on I2C bus 0")
        return
    chip, cell = 0x50 | (addr >> 8) & 7, addr & 0xFF   # a 256-byte page per address
    i2c.writeto_mem(chip, cell, text)
    back = i2c.readfrom_mem(chip, cell, len(text))
    print("wrote", text, "at", addr, "read back", back)
