# Blinks two LEDs with asyncio, a task each and no thread: ablink.py [PIN PERIOD_MS ...]
# (default GPIO 25 every 700 ms and GPIO 13 every 100 ms). The loop sleeps in the kernel
# while both tasks wait, so it costs no CPU between blinks; `hold` pauses it, `resume` goes
# on, `kill` ends it with the LEDs off.
import uasyncio, machine

proc = None    # the running process, set by the system


async def blink(led, period_ms):
    try:
        while True:
            if proc.sts == "S":
                break
            if proc.sts == "H":
                await uasyncio.sleep(1)
                continue
            led.on()
            await uasyncio.sleep_ms(5)
            led.off()
            await uasyncio.sleep_ms(period_ms)
    finally:
        led.off()


async def main(leds):
    tasks = [uasyncio.create_task(blink(machine.Pin(pin, machine.Pin.OUT), ms)) for pin, ms in leds]
    await uasyncio.gather(*tasks)


def __main__(args):
    n = [int(a) for a in args] or [25, 700, 13, 100]
    uasyncio.run(main([(n[i], n[i + 1]) for i in range(0, len(n) - 1, 2)]))
