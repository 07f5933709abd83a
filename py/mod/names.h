/* The predefined names of the native modules in py/mod/ (and of the embedder's: sdata, utls),
 * kept apart from the interpreter's own (py/qstr.h) and searched after them. Sorted by their
 * bytes, like those; a name already there is not repeated here. */
#ifndef PY_MOD_NAMES_H
#define PY_MOD_NAMES_H
#define QSTR_MOD_LIST(Q) \
    Q(ADC, "ADC") Q(AF_INET, "AF_INET") Q(AF_INET6, "AF_INET6") \
    Q(DEEPSLEEP_RESET, "DEEPSLEEP_RESET") Q(HARD_RESET, "HARD_RESET") Q(I2C, "I2C") \
    Q(IN, "IN") Q(IPPROTO_TCP, "IPPROTO_TCP") Q(IPPROTO_UDP, "IPPROTO_UDP") \
    Q(IRQ_FALLING, "IRQ_FALLING") Q(IRQ_RISING, "IRQ_RISING") Q(ONE_SHOT, "ONE_SHOT") \
    Q(OPEN_DRAIN, "OPEN_DRAIN") Q(OUT, "OUT") Q(PERIODIC, "PERIODIC") Q(POLLERR, "POLLERR") \
    Q(POLLHUP, "POLLHUP") Q(POLLIN, "POLLIN") Q(POLLOUT, "POLLOUT") Q(PULL_DOWN, "PULL_DOWN") \
    Q(PULL_UP, "PULL_UP") Q(PWM, "PWM") Q(PWRON_RESET, "PWRON_RESET") Q(Pin, "Pin") Q(RTC, "RTC") \
    Q(SOCK_DGRAM, "SOCK_DGRAM") Q(SOCK_RAW, "SOCK_RAW") Q(SOCK_STREAM, "SOCK_STREAM") \
    Q(SOFT_RESET, "SOFT_RESET") Q(SOL_SOCKET, "SOL_SOCKET") Q(SO_REUSEADDR, "SO_REUSEADDR") \
    Q(SPI, "SPI") Q(SoftI2C, "SoftI2C") Q(SoftSPI, "SoftSPI") \
    Q(TCP_NODELAY, "TCP_NODELAY") Q(Timer, "Timer") Q(UART, "UART") Q(WDT, "WDT") \
    Q(WDT_RESET, "WDT_RESET") \
    Q(accept, "accept") Q(addrsize, "addrsize") Q(baudrate, "baudrate") Q(bind, "bind") \
    Q(bits, "bits") Q(callback, "callback") Q(connect, "connect") Q(datetime, "datetime") \
    Q(deinit, "deinit") Q(duty_u16, "duty_u16") Q(error, "error") Q(feed, "feed") \
    Q(file_exists, "file_exists") \
    Q(fileno, "fileno") Q(freq, "freq") Q(getaddrinfo, "getaddrinfo") Q(getenv, "getenv") \
    Q(getsockname, "getsockname") Q(gettimeout, "gettimeout") Q(handler, "handler") \
    Q(human, "human") Q(idle, "idle") \
    Q(ilistdir, "ilistdir") Q(inet_ntop, "inet_ntop") Q(inet_pton, "inet_pton") Q(init, "init") \
    Q(irq, "irq") Q(isdir, "isdir") Q(isfile, "isfile") \
    Q(listen, "listen") Q(machine, "machine") Q(makefile, "makefile") Q(miso, "miso") \
    Q(modify, "modify") Q(mosi, "mosi") Q(off, "off") Q(on, "on") \
    Q(period, "period") Q(phase, "phase") Q(polarity, "polarity") Q(poll, "poll") Q(pull, "pull") \
    Q(read_u16, "read_u16") Q(readfrom, "readfrom") Q(readfrom_into, "readfrom_into") \
    Q(readfrom_mem, "readfrom_mem") Q(readinto, "readinto") Q(recovery, "recovery") \
    Q(recv, "recv") Q(recvfrom, "recvfrom") Q(register, "register") Q(reset, "reset") \
    Q(reset_cause, "reset_cause") Q(rx, "rx") Q(scan, "scan") Q(sck, "sck") \
    Q(scl, "scl") Q(sda, "sda") Q(sdata, "sdata") Q(select, "select") Q(sendall, "sendall") \
    Q(sendto, "sendto") Q(setblocking, "setblocking") Q(setenv, "setenv") \
    Q(setsockopt, "setsockopt") Q(settimeout, "settimeout") Q(socket, "socket") \
    Q(soft_reset, "soft_reset") \
    Q(statvfs, "statvfs") Q(threshold, "threshold") Q(ticks_add, "ticks_add") \
    Q(ticks_cpu, "ticks_cpu") Q(time_ns, "time_ns") Q(timeout, "timeout") Q(toggle, "toggle") \
    Q(trigger, "trigger") Q(tx, "tx") Q(uname, "uname") Q(unique_id, "unique_id") \
    Q(unregister, "unregister") Q(unset, "unset") Q(urandom, "urandom") Q(utls, "utls") \
    Q(write_readinto, "write_readinto") \
    Q(writeto, "writeto") Q(writeto_mem, "writeto_mem")
#endif
