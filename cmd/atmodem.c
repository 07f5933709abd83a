/* atmodem: upyOS's tool for an ESP-AT modem on a UART (docs/modem.md). It opens the modem's
 * UART (-c, named modem0 unless told otherwise), pulses its reset pin (-r), sends one AT
 * command or a script of them (-f), and ends with a status that says how the reply ended. A
 * line starting "AT" at the prompt or in a script comes here too (shell/shell.c). */
#include <stdlib.h>
#include <string.h>

#include "cmd/uart.h"
#include "hal/board.h"
#include "hal/time.h"
#include "kernel/command.h"
#include "kernel/files.h"
#include "lib/err.h"
#include "net/at_modem.h"

#define DEFAULT_TIMEOUT_MS 2000     /* upyOS's */
#define RESET_PULSE_MS 100
#define WORDS_MAX 12

struct session {
    const struct cmd_ctx *ctx;
    int verbose;                /* -v: ">> cmd" and "<< reply" lines */
    int timings;                /* -tm: each command's time */
    const char *sent;           /* the command in progress: its echo (ATE1) is not shown */
};

/* Made by the first atmodem that talks to the modem and kept, as it holds the parser's
 * half-read line between commands; a board that never runs atmodem spends no RAM on it. */
static struct at_modem *modem;

/* The modem bound to its UART: 0, ERR_NOMEM, or ERR_NODEV when no UART has its name. */
static int attach_modem(void)
{
    if (!modem && !(modem = calloc(1, sizeof *modem)))
        return ERR_NOMEM;
    return at_modem_attach(modem, AT_MODEM_DEFAULT);
}

/* Splits line in place at blanks outside double quotes, which stay in the words: AT commands
 * quote their own arguments (AT+CWJAP="my net","pw"). Returns the word count. */
static int split_words(char *line, char **words, int max)
{
    int n = 0, quoted = 0;
    for (char *c = line; *c; c++) {
        int blank = !quoted && (*c == ' ' || *c == '\t' || *c == '\r' || *c == '\n');
        if (blank)
            *c = '\0';
        else if ((c == line || !c[-1]) && n < max)
            words[n++] = c;
        if (*c == '"')
            quoted = !quoted;
    }
    return n;
}

/* upyOS lets a command line carry quotes as \@; they are quotes on the wire. */
static void unescape_quotes(char *cmd)
{
    char *out = cmd;
    for (const char *in = cmd; *in; in++) {
        if (in[0] == '\\' && in[1] == '@') {
            *out++ = '"';
            in++;
        } else {
            *out++ = *in;
        }
    }
    *out = '\0';
}

/* A reply line as text a terminal can show: a modem that is resetting or out of step sends
 * noise, which comes out as \xNN. */
static void show_line(proc_t *p, const char *prefix, const char *text)
{
    proc_puts(p, prefix);
    for (const unsigned char *c = (const unsigned char *)text; *c; c++)
        if (*c < ' ' || *c >= 0x7f)
            proc_printf(p, "\\x%02x", *c);
        else
            stream_write(p->out, (const char *)c, 1);
    proc_puts(p, "\n");
}

static void show_event(void *arg, const struct at_event *e)
{
    const struct session *s = arg;
    int echo = e->kind == AT_TEXT && s->sent && strcmp(e->text, s->sent) == 0;
    if (s->verbose)
        show_line(s->ctx->p, "<< ", e->text);
    else if (!at_kind_is_final(e->kind) && e->kind != AT_PROMPT && !echo)
        show_line(s->ctx->p, "", e->text);
}

static void show_data(void *arg, int link, const uint8_t *buf, size_t len)
{
    const struct session *s = arg;
    stream_write(s->ctx->p->out, (const char *)buf, len);
}

static int no_modem(const struct session *s)
{
    cmd_error(s->ctx, "no modem: open its UART first (atmodem -c ID BAUD TX RX, or uart ID BAUD "
                      "TX RX " AT_MODEM_DEFAULT ")");
    return AT_STATUS_LINK;
}

/* Wrong words: status 2, as the registry gives for a bad option, apart from the modem's 1. */
static int usage_error(const struct cmd_ctx *ctx, const char *what)
{
    cmd_error(ctx, "%s", what);
    return 2;
}

static int parse_seconds(const struct cmd_ctx *ctx, const char *text, int *ms)
{
    char *end;
    double secs = strtod(text, &end);
    if (*end || end == text || secs < 0 || secs > 3600)
        return cmd_error(ctx, "%s: not a time-out in seconds", text);
    *ms = (int)(secs * 1000);
    return 0;
}

/* ATCMD [TIMEOUT] [EXPECT]: one command; the status says how its reply ended. */
static int run_at(struct session *s, int argc, char **argv)
{
    int ms = DEFAULT_TIMEOUT_MS;
    if (argc > 3)
        return usage_error(s->ctx, "expected ATCMD [TIMEOUT] [EXPECT]");
    if (argc > 1 && parse_seconds(s->ctx, argv[1], &ms))
        return 2;
    int err = attach_modem();
    if (err == ERR_NOMEM) {
        cmd_error(s->ctx, "%s", err_str(err));
        return AT_STATUS_LINK;
    }
    if (err < 0)
        return no_modem(s);
    unescape_quotes(argv[0]);
    s->sent = argv[0];
    const struct at_callbacks show = { (void *)s, show_event, show_data };
    uint64_t start = hal_time_us();
    if (s->verbose)
        proc_printf(s->ctx->p, ">> %s\n", argv[0]);
    enum at_status r = at_modem_command(modem, argv[0], ms, argc > 2 ? argv[2] : NULL, &show);
    if (s->timings)
        proc_printf(s->ctx->p, "** Cmd: %s: Time: %llums\n", argv[0],
                    (unsigned long long)((hal_time_us() - start) / 1000));
    if (r == AT_STATUS_TIMEOUT)
        cmd_error(s->ctx, "%s: no answer in %d ms", argv[0], ms);
    else if (r != AT_STATUS_OK && r != AT_STATUS_STOPPED)
        cmd_error(s->ctx, "%s: %s", argv[0], at_status_str(r));
    return r;
}

/* -r GPIO SECS: a low pulse on the modem's reset pin, then up to SECS for its "ready" (or
 * SECS of waiting, when its UART is not open yet and nothing can be heard). */
static int reset_modem(struct session *s, int argc, char **argv)
{
    int ms;
    char *end = NULL;
    long pin = argc == 3 ? strtol(argv[1], &end, 10) : -1;
    if (argc != 3 || *end || pin < 0)
        return usage_error(s->ctx, "expected -r GPIO SECONDS");
    if (parse_seconds(s->ctx, argv[2], &ms))
        return 2;
    int r = hal_gpio_mode((int)pin, HAL_PIN_OUTPUT);
    if (r >= 0 && (r = hal_gpio_write((int)pin, 0)) >= 0) {
        proc_sleep_ms(RESET_PULSE_MS);
        r = hal_gpio_write((int)pin, 1);    /* even when stopped: never leave it held in reset */
    }
    if (r < 0) {
        cmd_error(s->ctx, "GPIO %ld: %s", pin, err_str(r));
        return AT_STATUS_LINK;
    }
    if (attach_modem() < 0)   /* nothing to hear it with: wait out its start */
        return proc_sleep_ms((uint32_t)ms) < 0 ? AT_STATUS_STOPPED : 0;
    const struct at_callbacks show = { (void *)s, show_event, show_data };
    enum at_status st = at_modem_command(modem, NULL, ms, "ready", s->verbose ? &show : NULL);
    if (st == AT_STATUS_TIMEOUT)
        cmd_error(s->ctx, "the modem was not ready in %d ms", ms);
    return st;
}

/* -c ID BAUD TX RX [NAME] [RTS CTS FLOW]: uart's words; the name defaults to modem0. */
static int connect_uart(struct session *s, int argc, char **argv)
{
    struct uart_setup u;
    if (uart_setup_parse(s->ctx, argc, argv, &u))
        return 2;
    if (!u.name[0])
        strcpy(u.name, AT_MODEM_DEFAULT);
    if (uart_setup_open(s->ctx, &u))
        return AT_STATUS_LINK;
    if (s->verbose)
        proc_printf(s->ctx->p, "** UART %d created as %s\n", u.id, u.name);
    return 0;
}

static int run_script(struct session *s, const char *path);

/* One line of the command or of a script: its words, without -v and -tm. */
static int run_words(struct session *s, int argc, char **argv)
{
    const char *verb = argv[0];
    if (!strcmp(verb, "-r") || !strcmp(verb, "reset"))
        return reset_modem(s, argc, argv);
    if (!strcmp(verb, "-c") || !strcmp(verb, "uart"))
        return connect_uart(s, argc, argv);
    if (!strcmp(verb, "-f"))
        return argc == 2 ? run_script(s, argv[1]) : usage_error(s->ctx, "expected -f FILE");
    if (!strcmp(verb, "sleep") && argc == 2) {
        int ms;
        return parse_seconds(s->ctx, argv[1], &ms) ? 2 : proc_sleep_ms((uint32_t)ms) ? 130 : 0;
    }
    if (!strcmp(verb, "echo")) {
        for (int i = 1; i < argc; i++)
            proc_printf(s->ctx->p, "%s%s", argv[i], i + 1 < argc ? " " : "");
        proc_puts(s->ctx->p, "\n");
        return 0;
    }
    if (verb[0] == '-') {
        cmd_error(s->ctx, "unknown option %s (try atmodem --help)", verb);
        return 2;
    }
    return run_at(s, argc, argv);
}

/* Removes -v and -tm from the words, wherever they stand (as upyOS does). */
static int take_options(struct session *s, int argc, char **argv)
{
    int n = 0;
    for (int i = 0; i < argc; i++) {
        if (!strcmp(argv[i], "-v"))
            s->verbose = 1;
        else if (!strcmp(argv[i], "-tm"))
            s->timings = 1;
        else
            argv[n++] = argv[i];
    }
    return n;
}

/* A script: one line of run_words each; blank lines and # comments are skipped. Every line
 * runs, as at boot a missing modem must not stop the rest; the status is the first failure's. */
static int run_script(struct session *s, const char *path)
{
    char abs[VFS_PATH_MAX], *text, *words[WORDS_MAX];
    size_t len;
    int status = 0;
    if (cmd_resolve(s->ctx, path, abs))
        return 2;
    int r = file_read_all(abs, &text, &len);
    if (r < 0)
        return cmd_fail(s->ctx, path, r);
    for (char *line = text, *next; line && *line && !proc_should_stop(); line = next) {
        next = strchr(line, '\n');
        if (next)
            *next++ = '\0';
        char *comment = strstr(line, " #");
        if (comment)
            *comment = '\0';
        struct session inner = *s;
        int n = take_options(&inner, split_words(line, words, WORDS_MAX), words);
        int st = n && words[0][0] != '#' ? run_words(&inner, n, words) : 0;
        if (!status)
            status = st;
    }
    free(text);
    return status;
}

COMMAND(atmodem,
        "atmodem -r GPIO SECONDS\natmodem -c ID BAUD TX RX [NAME] [RTS CTS FLOW]\n"
        "atmodem -f FILE\natmodem ATCMD [TIMEOUT] [EXPECT]\n"
        "  -v shows >> commands and << replies, -tm each command's time; "
        "statuses: 0 OK, 1 ERROR, 3 SEND FAIL, 4 busy, 5 time-out, 6 no modem",
        "talk to the ESP-AT modem (UART modem0): reset it, open its UART, send AT commands or "
        "a script of them",
        RAW_ARGS, 1, MANY)
{
    struct session s = { ctx, 0, 0, NULL };
    int n = take_options(&s, argc - 1, argv + 1);
    if (n == 0)
        return usage_error(ctx, "expected -r, -c, -f or an AT command");
    return run_words(&s, n, argv + 1);
}
