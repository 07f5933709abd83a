/* The predefined names of the native modules in py/mod/ (and of the embedder's: sdata, utls),
 * kept apart from the interpreter's own (py/qstr.h) and searched after them. Sorted by their
 * bytes, like those; a name already there is not repeated here. */
#ifndef PY_MOD_NAMES_H
#define PY_MOD_NAMES_H
#define QSTR_MOD_LIST(Q) \
    Q(ADC, "ADC") Q(DEEPSLEEP_RESET, "DEEPSLEEP_RESET") Q(FrameBuffer, "FrameBuffer") \
    Q(GS2_HMSB, "GS2_HMSB") Q(GS4_HMSB, "GS4_HMSB") Q(GS8, "GS8") Q(HARD_RESET, "HARD_RESET") Q(I2C, "I2C") \
    Q(IN, "IN") Q(IRQ_FALLING, "IRQ_FALLING") Q(IRQ_RISING, "IRQ_RISING") Q(MONO_HLSB, "MONO_HLSB") \
    Q(MONO_HMSB, "MONO_HMSB") Q(MONO_VLSB, "MONO_VLSB") Q(MVLSB, "MVLSB") Q(ONE_SHOT, "ONE_SHOT") \
    Q(OPEN_DRAIN, "OPEN_DRAIN") Q(OUT, "OUT") Q(PERIODIC, "PERIODIC") Q(PULL_DOWN, "PULL_DOWN") \
    Q(PULL_UP, "PULL_UP") Q(PWM, "PWM") Q(PWRON_RESET, "PWRON_RESET") Q(Pin, "Pin") Q(RGB565, "RGB565") Q(RTC, "RTC") \
    Q(SOFT_RESET, "SOFT_RESET") Q(SPI, "SPI") Q(SoftI2C, "SoftI2C") Q(SoftSPI, "SoftSPI") \
    Q(Timer, "Timer") Q(UART, "UART") Q(WDT, "WDT") Q(WDT_RESET, "WDT_RESET") \
    Q(addrsize, "addrsize") Q(baudrate, "baudrate") Q(bits, "bits") Q(blit, "blit") Q(callback, "callback") Q(datetime, "datetime") \
    Q(deinit, "deinit") Q(duty_u16, "duty_u16") Q(ellipse, "ellipse") \
    Q(feed, "feed") Q(file_exists, "file_exists") Q(fill, "fill") Q(fill_rect, "fill_rect") \
    Q(freq, "freq") Q(getenv, "getenv") Q(handler, "handler") Q(hline, "hline") Q(human, "human") Q(idle, "idle") \
    Q(ilistdir, "ilistdir") Q(init, "init") Q(irq, "irq") Q(isdir, "isdir") Q(isfile, "isfile") Q(line, "line") \
    Q(machine, "machine") Q(miso, "miso") Q(mosi, "mosi") Q(off, "off") Q(on, "on") \
    Q(period, "period") Q(phase, "phase") Q(pixel, "pixel") Q(polarity, "polarity") Q(poly, "poly") Q(pull, "pull") \
    Q(read_u16, "read_u16") Q(readfrom, "readfrom") Q(readfrom_into, "readfrom_into") \
    Q(readfrom_mem, "readfrom_mem") Q(readinto, "readinto") Q(recovery, "recovery") Q(rect, "rect") \
    Q(reset, "reset") Q(reset_cause, "reset_cause") Q(rx, "rx") Q(scan, "scan") Q(sck, "sck") \
    Q(scl, "scl") Q(scroll, "scroll") Q(sda, "sda") Q(sdata, "sdata") Q(setenv, "setenv") Q(soft_reset, "soft_reset") \
    Q(statvfs, "statvfs") Q(text, "text") Q(threshold, "threshold") Q(ticks_add, "ticks_add") \
    Q(ticks_cpu, "ticks_cpu") Q(time_ns, "time_ns") Q(timeout, "timeout") Q(toggle, "toggle") \
    Q(trigger, "trigger") Q(tx, "tx") Q(uname, "uname") Q(unique_id, "unique_id") \
    Q(unset, "unset") Q(urandom, "urandom") Q(utls, "utls") Q(vline, "vline") Q(write_readinto, "write_readinto") \
    Q(writeto, "writeto") Q(writeto_mem, "writeto_mem")
#endif
