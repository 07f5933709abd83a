/* The predefined names of the native modules in py/mod/ (and of the embedder's: sdata, utls),
 * kept apart from the interpreter's own (py/qstr.h) and searched after them. Sorted by their
 * bytes, like those; a name already there is not repeated here. */
#ifndef PY_MOD_NAMES_H
#define PY_MOD_NAMES_H
#define QSTR_MOD_LIST(Q) \
    Q(ADC, "ADC") Q(CancelledError, "CancelledError") Q(DEEPSLEEP_RESET, "DEEPSLEEP_RESET") Q(Event, "Event") Q(HARD_RESET, "HARD_RESET") Q(I2C, "I2C") \
    Q(IN, "IN") Q(IRQ_FALLING, "IRQ_FALLING") Q(IRQ_RISING, "IRQ_RISING") Q(Lock, "Lock") Q(ONE_SHOT, "ONE_SHOT") \
    Q(OPEN_DRAIN, "OPEN_DRAIN") Q(OUT, "OUT") Q(PERIODIC, "PERIODIC") Q(PULL_DOWN, "PULL_DOWN") \
    Q(PULL_UP, "PULL_UP") Q(PWM, "PWM") Q(PWRON_RESET, "PWRON_RESET") Q(Pin, "Pin") Q(RTC, "RTC") \
    Q(SOFT_RESET, "SOFT_RESET") Q(SPI, "SPI") Q(SoftI2C, "SoftI2C") Q(SoftSPI, "SoftSPI") \
    Q(Task, "Task") Q(Timer, "Timer") Q(UART, "UART") Q(WDT, "WDT") Q(WDT_RESET, "WDT_RESET") \
    Q(acquire, "acquire") Q(addrsize, "addrsize") Q(allocate_lock, "allocate_lock") Q(baudrate, "baudrate") Q(bits, "bits") Q(blocking, "blocking") Q(callback, "callback") Q(cancel, "cancel") Q(cancelled, "cancelled") Q(create_task, "create_task") Q(current_task, "current_task") Q(datetime, "datetime") \
    Q(deinit, "deinit") Q(done, "done") Q(duty_u16, "duty_u16") Q(ensure_future, "ensure_future") Q(exception, "exception") Q(feed, "feed") Q(file_exists, "file_exists") \
    Q(freq, "freq") Q(gather, "gather") Q(get_event_loop, "get_event_loop") Q(get_ident, "get_ident") Q(getenv, "getenv") Q(handler, "handler") Q(human, "human") Q(idle, "idle") \
    Q(ilistdir, "ilistdir") Q(init, "init") Q(irq, "irq") Q(is_set, "is_set") Q(isdir, "isdir") Q(isfile, "isfile") \
    Q(locked, "locked") Q(machine, "machine") Q(miso, "miso") Q(mosi, "mosi") Q(new_event_loop, "new_event_loop") Q(off, "off") Q(on, "on") \
    Q(period, "period") Q(phase, "phase") Q(polarity, "polarity") Q(pull, "pull") \
    Q(read_u16, "read_u16") Q(readfrom, "readfrom") Q(readfrom_into, "readfrom_into") \
    Q(readfrom_mem, "readfrom_mem") Q(readinto, "readinto") Q(recovery, "recovery") \
    Q(release, "release") Q(reset, "reset") Q(reset_cause, "reset_cause") Q(result, "result") Q(return_exceptions, "return_exceptions") Q(run, "run") Q(run_forever, "run_forever") Q(run_until_complete, "run_until_complete") Q(rx, "rx") Q(scan, "scan") Q(sck, "sck") \
    Q(scl, "scl") Q(sda, "sda") Q(sdata, "sdata") Q(setenv, "setenv") Q(soft_reset, "soft_reset") \
    Q(stack_size, "stack_size") Q(start_new_thread, "start_new_thread") Q(statvfs, "statvfs") Q(threshold, "threshold") Q(ticks, "ticks") Q(ticks_add, "ticks_add") \
    Q(ticks_cpu, "ticks_cpu") Q(time_ns, "time_ns") Q(timeout, "timeout") Q(toggle, "toggle") \
    Q(trigger, "trigger") Q(tx, "tx") Q(uname, "uname") Q(unique_id, "unique_id") \
    Q(unset, "unset") Q(urandom, "urandom") Q(utls, "utls") Q(wait, "wait") Q(wait_for, "wait_for") Q(wait_for_ms, "wait_for_ms") Q(write_readinto, "write_readinto") \
    Q(writeto, "writeto") Q(writeto_mem, "writeto_mem")
#endif
