/* The predefined names of the native modules in py/mod/ (and of the embedder's: sdata, utls),
 * kept apart from the interpreter's own (py/qstr.h) and searched after them. Sorted by their
 * bytes, like those; a name already there is not repeated here. */
#ifndef PY_MOD_NAMES_H
#define PY_MOD_NAMES_H
#define QSTR_MOD_LIST(Q) \
    Q(A, "A") \
    Q(ADC, "ADC") \
    Q(ASCII, "ASCII") \
    Q(DEEPSLEEP_RESET, "DEEPSLEEP_RESET") \
    Q(DOTALL, "DOTALL") \
    Q(HARD_RESET, "HARD_RESET") \
    Q(I, "I") \
    Q(I2C, "I2C") \
    Q(IGNORECASE, "IGNORECASE") \
    Q(IN, "IN") Q(IRQ_FALLING, "IRQ_FALLING") Q(IRQ_RISING, "IRQ_RISING") \
    Q(M, "M") \
    Q(MULTILINE, "MULTILINE") \
    Q(ONE_SHOT, "ONE_SHOT") \
    Q(OPEN_DRAIN, "OPEN_DRAIN") Q(OUT, "OUT") Q(PERIODIC, "PERIODIC") Q(PULL_DOWN, "PULL_DOWN") \
    Q(PULL_UP, "PULL_UP") Q(PWM, "PWM") Q(PWRON_RESET, "PWRON_RESET") Q(Pin, "Pin") Q(RTC, "RTC") \
    Q(S, "S") \
    Q(SOFT_RESET, "SOFT_RESET") Q(SPI, "SPI") Q(SoftI2C, "SoftI2C") Q(SoftSPI, "SoftSPI") \
    Q(Timer, "Timer") \
    Q(U, "U") \
    Q(UART, "UART") \
    Q(UNICODE, "UNICODE") \
    Q(WDT, "WDT") Q(WDT_RESET, "WDT_RESET") \
    Q(_asdict, "_asdict") \
    Q(_make, "_make") \
    Q(_replace, "_replace") \
    Q(addrsize, "addrsize") \
    Q(appendleft, "appendleft") \
    Q(baudrate, "baudrate") Q(bits, "bits") Q(callback, "callback") \
    Q(choice, "choice") \
    Q(date2s, "date2s") \
    Q(datetime, "datetime") \
    Q(defaults, "defaults") \
    Q(deinit, "deinit") Q(duty_u16, "duty_u16") \
    Q(escape, "escape") \
    Q(extendleft, "extendleft") \
    Q(feed, "feed") Q(file_exists, "file_exists") \
    Q(findall, "findall") \
    Q(finditer, "finditer") \
    Q(flags, "flags") \
    Q(freq, "freq") \
    Q(fullmatch, "fullmatch") \
    Q(get_mode, "get_mode") \
    Q(get_stat, "get_stat") \
    Q(getenv, "getenv") \
    Q(getgpio, "getgpio") \
    Q(getgpios, "getgpios") \
    Q(getrandbits, "getrandbits") \
    Q(getvalue, "getvalue") \
    Q(group, "group") \
    Q(groupdict, "groupdict") \
    Q(groupindex, "groupindex") \
    Q(groups, "groups") \
    Q(handler, "handler") Q(human, "human") Q(idle, "idle") \
    Q(ilistdir, "ilistdir") Q(init, "init") \
    Q(initial_bytes, "initial_bytes") \
    Q(initial_value, "initial_value") \
    Q(irq, "irq") Q(isdir, "isdir") Q(isfile, "isfile") \
    Q(iterable, "iterable") \
    Q(last, "last") \
    Q(lastindex, "lastindex") \
    Q(load_conf_file, "load_conf_file") \
    Q(mac2Str, "mac2Str") \
    Q(machine, "machine") \
    Q(match, "match") \
    Q(maxlen, "maxlen") \
    Q(miso, "miso") Q(mosi, "mosi") \
    Q(move_to_end, "move_to_end") \
    Q(namedtuple, "namedtuple") \
    Q(off, "off") Q(on, "on") \
    Q(pattern, "pattern") \
    Q(period, "period") Q(phase, "phase") Q(polarity, "polarity") \
    Q(popleft, "popleft") \
    Q(protected, "protected") \
    Q(pull, "pull") \
    Q(randint, "randint") \
    Q(random, "random") \
    Q(randrange, "randrange") \
    Q(re, "re") \
    Q(read_u16, "read_u16") Q(readfrom, "readfrom") Q(readfrom_into, "readfrom_into") \
    Q(readfrom_mem, "readfrom_mem") Q(readinto, "readinto") Q(recovery, "recovery") \
    Q(reset, "reset") Q(reset_cause, "reset_cause") Q(rx, "rx") \
    Q(save_conf_file, "save_conf_file") \
    Q(scan, "scan") Q(sck, "sck") \
    Q(scl, "scl") Q(sda, "sda") Q(sdata, "sdata") \
    Q(search, "search") \
    Q(seed, "seed") \
    Q(setenv, "setenv") \
    Q(shuffle, "shuffle") \
    Q(soft_reset, "soft_reset") \
    Q(span, "span") \
    Q(statvfs, "statvfs") \
    Q(string_q, "string") \
    Q(sub, "sub") \
    Q(subn, "subn") \
    Q(threshold, "threshold") Q(ticks_add, "ticks_add") \
    Q(ticks_cpu, "ticks_cpu") \
    Q(time2s, "time2s") \
    Q(time_ns, "time_ns") Q(timeout, "timeout") Q(toggle, "toggle") \
    Q(trigger, "trigger") Q(tx, "tx") Q(uname, "uname") \
    Q(uniform, "uniform") \
    Q(unique_id, "unique_id") \
    Q(unset, "unset") Q(urandom, "urandom") Q(utls, "utls") Q(write_readinto, "write_readinto") \
    Q(writeto, "writeto") Q(writeto_mem, "writeto_mem")
#endif
