/* The virtual board's control interface: a UNIX socket (upyos --board-ctl PATH) that speaks one
 * text command per line and answers one line, "ok [...]" or "err message". Tests use it to
 * set inputs (pins, ADC, temperatures, UART bytes) and read outputs (pin levels, the pin
 * changes the OS made, what it sent on a UART). The commands are in docs/simulator.md. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "hal/board.h"
#include "lib/err.h"
#include "posix_port.h"

#define LINE 512

static int parse_int(const char *s, long *out)
{
    char *end;
    if (!s)
        return -1;
    *out = strtol(s, &end, 0);
    return *end ? -1 : 0;
}

static int reply(char *out, size_t size, int r)
{
    snprintf(out, size, r < 0 ? "err %s" : "ok", err_str(r));
    return 0;
}

static void events(char *out, size_t size)
{
    struct posix_pin_event e[64];
    int n = posix_events_take(e, 64);
    size_t k = (size_t)snprintf(out, size, "ok");
    for (int i = 0; i < n && k < size; i++)
        k += (size_t)snprintf(out + k, size - k, " %d=%d", e[i].pin, e[i].level);
}

/* Bytes as text with \n \r \\ and \xNN escapes, so a reply stays one line. */
static void escape(const char *in, size_t len, char *out, size_t size)
{
    size_t k = 0;
    for (size_t i = 0; i < len && k + 5 < size; i++) {
        unsigned char c = (unsigned char)in[i];
        if (c == '\n' || c == '\r' || c == '\\')
            k += (size_t)snprintf(out + k, size - k, "\\%c", c == '\n' ? 'n' : c == '\r' ? 'r' : '\\');
        else if (c < 32 || c > 126)
            k += (size_t)snprintf(out + k, size - k, "\\x%02x", c);
        else
            out[k++] = (char)c;
    }
    out[k] = '\0';
}

/* The reverse of escape(); returns the length. */
static size_t unescape(const char *in, char *out)
{
    size_t k = 0;
    for (; *in; in++) {
        if (*in != '\\' || !in[1]) {
            out[k++] = *in;
            continue;
        }
        in++;
        if (*in == 'n')
            out[k++] = '\n';
        else if (*in == 'r')
            out[k++] = '\r';
        else if (*in == 'x' && in[1] && in[2]) {
            char hex[3] = { in[1], in[2], 0 };
            out[k++] = (char)strtol(hex, NULL, 16);
            in += 2;
        } else
            out[k++] = *in;
    }
    return k;
}

static void eeprom(const char *op, const char *a, const char *b, char *out, size_t size)
{
    long addr, n = 16;
    uint8_t data[128];
    if (parse_int(a, &addr) < 0) {
        snprintf(out, size, "err expected an address");
        return;
    }
    if (strcmp(op, "set") == 0) {
        size_t len = b ? strlen(b) / 2 : 0;
        for (size_t i = 0; i < len && i < sizeof data; i++) {
            char hex[3] = { b[2 * i], b[2 * i + 1], 0 };
            data[i] = (uint8_t)strtol(hex, NULL, 16);
        }
        reply(out, size, posix_eeprom_access((unsigned)addr, data, len < sizeof data ? len : sizeof data, 1));
        return;
    }
    if (b && (parse_int(b, &n) < 0 || n < 1 || n > (long)sizeof data)) {
        snprintf(out, size, "err expected a count of 1..%zu", sizeof data);
        return;
    }
    if (posix_eeprom_access((unsigned)addr, data, (size_t)n, 0) < 0) {
        reply(out, size, ERR_INVAL);
        return;
    }
    size_t k = (size_t)snprintf(out, size, "ok ");
    for (long i = 0; i < n; i++)
        k += (size_t)snprintf(out + k, size - k, "%02x", data[i]);
}

static void uart(const char *op, const char *id_text, const char *rest, char *out, size_t size)
{
    long id;
    char buf[LINE];
    if (parse_int(id_text, &id) < 0) {
        snprintf(out, size, "err expected a UART number");
        return;
    }
    if (strcmp(op, "send") == 0) {
        size_t n = unescape(rest ? rest : "", buf);
        reply(out, size, posix_uart_inject((int)id, buf, n));
        return;
    }
    size_t n = posix_uart_take_tx((int)id, buf, sizeof buf / 5);
    char text[LINE];
    escape(buf, n, text, sizeof text);
    snprintf(out, size, "ok %s", text);
}

/* "spi recv ID": the bytes sent on the bus since the last time, as hex */
static void spi(const char *id_text, char *out, size_t size)
{
    long id;
    uint8_t buf[LINE / 2 - 4];
    if (parse_int(id_text, &id) < 0) {
        snprintf(out, size, "err expected an SPI bus number");
        return;
    }
    size_t n = posix_spi_take_sent((int)id, buf, sizeof buf);
    size_t k = (size_t)snprintf(out, size, "ok ");
    for (size_t i = 0; i < n && k < size; i++)
        k += (size_t)snprintf(out + k, size - k, "%02x", buf[i]);
}

/* "display": the picture the display lights, as "ok WIDTH HEIGHT ON CONTRAST INVERT HEX" with
 * the rows top to bottom in hex, the leftmost pixel in each byte's top bit. */
static void display(char *out, size_t size)
{
    uint8_t rows[128 * 64 / 8];
    int width, height, on, contrast, invert;
    int r = hal_display_read(rows, sizeof rows, &width, &height);
    if (r < 0) {
        reply(out, size, r);
        return;
    }
    posix_display_state(&on, &contrast, &invert);
    size_t k = (size_t)snprintf(out, size, "ok %d %d %d %d %d ", width, height, on, contrast, invert);
    for (int i = 0; i < width * height / 8 && k + 3 < size; i++)
        k += (size_t)snprintf(out + k, size - k, "%02x", rows[i]);
}

/* "flash fail prog|erase|all", "flash drop" (programs acknowledged, not kept), "flash ok". */
static void flash_faults(const char *what, const char *which, char *out, size_t size)
{
    int faults = -1;
    if (strcmp(what, "ok") == 0)
        faults = 0;
    else if (strcmp(what, "drop") == 0)
        faults = POSIX_FLASH_DROP_PROG;
    else if (strcmp(what, "fail") == 0 && which && strcmp(which, "prog") == 0)
        faults = POSIX_FLASH_FAIL_PROG;
    else if (strcmp(what, "fail") == 0 && which && strcmp(which, "erase") == 0)
        faults = POSIX_FLASH_FAIL_ERASE;
    else if (strcmp(what, "fail") == 0 && which && strcmp(which, "all") == 0)
        faults = POSIX_FLASH_FAIL_PROG | POSIX_FLASH_FAIL_ERASE;
    if (faults < 0) {
        snprintf(out, size, "err expected flash ok|drop|fail prog|erase|all");
        return;
    }
    posix_flash_faults(faults);
    snprintf(out, size, "ok");
}

static void run(char *line, char *out, size_t size)
{
    char *save, *verb = strtok_r(line, " ", &save), *what = strtok_r(NULL, " ", &save);
    char *a = strtok_r(NULL, " ", &save), *rest = strtok_r(NULL, "", &save), words[LINE];
    snprintf(words, sizeof words, "%s", rest ? rest : "");   /* rest stays whole for "uart send" */
    char *b = strtok_r(words, " ", &save), *c = b ? strtok_r(NULL, " ", &save) : NULL;
    long x, y;
    int level, output;
    if (!verb) {
        snprintf(out, size, "err empty command");
    } else if (strcmp(verb, "events") == 0) {
        events(out, size);
    } else if (strcmp(verb, "display") == 0) {
        display(out, size);
    } else if (!what) {
        snprintf(out, size, "err unknown command (try: help)");
    } else if (strcmp(verb, "set") == 0 && strcmp(what, "pin") == 0 && !parse_int(a, &x) &&
               !parse_int(b, &y)) {
        reply(out, size, posix_pin_drive((int)x, (int)y));
    } else if (strcmp(verb, "get") == 0 && strcmp(what, "pin") == 0 && !parse_int(a, &x)) {
        if (posix_pin_state((int)x, &level, &output) < 0)
            reply(out, size, ERR_NODEV);
        else
            snprintf(out, size, "ok %d %s", level, output ? "out" : "in");
    } else if (strcmp(verb, "wait") == 0 && strcmp(what, "pin") == 0 && !parse_int(a, &x) &&
               !parse_int(b, &y)) {
        long ms = 5000;
        if (c)
            parse_int(c, &ms);
        reply(out, size, posix_pin_wait((int)x, (int)y, (int)ms));
    } else if (strcmp(verb, "set") == 0 && strcmp(what, "adc") == 0 && !parse_int(a, &x) &&
               !parse_int(b, &y)) {
        reply(out, size, posix_adc_set((int)x, (int)y));
    } else if (strcmp(verb, "set") == 0 && (strcmp(what, "temp") == 0 ||
                                            strcmp(what, "i2ctemp") == 0) && a) {
        char *end;
        double celsius = strtod(a, &end);
        if (*end)
            snprintf(out, size, "err expected degrees Celsius");
        else {
            posix_temp_set(strcmp(what, "temp") == 0, (int32_t)(celsius * 1000));
            snprintf(out, size, "ok");
        }
    } else if (strcmp(what, "eeprom") == 0 && (!strcmp(verb, "get") || !strcmp(verb, "set"))) {
        eeprom(verb, a, b, out, size);
    } else if (strcmp(verb, "flash") == 0) {
        flash_faults(what, a, out, size);
    } else if (strcmp(verb, "spi") == 0 && strcmp(what, "recv") == 0) {
        spi(a, out, size);
    } else if (strcmp(verb, "uart") == 0 && (!strcmp(what, "send") || !strcmp(what, "recv"))) {
        uart(what, a, rest ? rest : NULL, out, size);
    } else {
        snprintf(out, size, "err unknown command (try: help)");
    }
}

static const char help_text[] =
    "ok set pin N 0|1; get pin N; wait pin N 0|1 [MS]; events; set adc CH V; set temp C; "
    "set i2ctemp C; get eeprom ADDR [N]; set eeprom ADDR HEX; uart send ID TEXT; uart recv ID; spi recv ID; "
    "flash ok|drop|fail prog|erase|all; display";

static void *serve_client(void *arg)
{
    int fd = (int)(intptr_t)arg;
    FILE *in = fdopen(fd, "r");
    char line[LINE], out[LINE * 8];   /* "display" answers with 2 KB of hex */
    while (in && fgets(line, sizeof line, in)) {
        line[strcspn(line, "\r\n")] = '\0';
        if (strcmp(line, "help") == 0)
            snprintf(out, sizeof out, "%s", help_text);
        else
            run(line, out, sizeof out);
        strcat(out, "\n");
        if (write(fd, out, strlen(out)) < 0)
            break;
    }
    if (in)
        fclose(in);
    else
        close(fd);
    return NULL;
}

static void *accept_loop(void *arg)
{
    int listener = (int)(intptr_t)arg;
    for (;;) {
        int fd = accept(listener, NULL, NULL);
        if (fd < 0)
            continue;
        pthread_t t;
        if (pthread_create(&t, NULL, serve_client, (void *)(intptr_t)fd) == 0)
            pthread_detach(t);
        else
            close(fd);
    }
    return NULL;
}

int posix_board_ctl_start(const char *path)
{
    struct sockaddr_un addr = { .sun_family = AF_UNIX };
    if (strlen(path) >= sizeof addr.sun_path)
        return ERR_NAMETOOLONG;
    strcpy(addr.sun_path, path);
    int s = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (s < 0)
        return ERR_IO;
    unlink(path);                     /* a socket left by the previous run (a reset) */
    if (bind(s, (struct sockaddr *)&addr, sizeof addr) < 0 || listen(s, 4) < 0) {
        close(s);
        return ERR_IO;
    }
    pthread_t t;
    if (pthread_create(&t, NULL, accept_loop, (void *)(intptr_t)s) != 0) {
        close(s);
        return ERR_IO;
    }
    pthread_detach(t);
    return 0;
}
