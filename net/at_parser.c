#include "net/at_parser.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* A modem's payload is at most a few KB; a bigger count is noise, not a length. */
#define AT_DATA_MAX 65535L

void at_parser_init(struct at_parser *p)
{
    memset(p, 0, sizeof *p);
    p->data_link = -1;
}

int at_kind_is_final(enum at_kind kind)
{
    return kind <= AT_BUSY;
}

int at_kind_is_async(enum at_kind kind)
{
    return kind >= AT_READY;
}

static void emit(const struct at_callbacks *cb, enum at_kind kind, int link, long len,
                 const char *text, size_t text_len)
{
    const struct at_event e = { kind, link, len, text, text_len };
    if (cb->event)
        cb->event(cb->ctx, &e);
}

/* A decimal number of at most 5 digits spanning [s, end); -1 when it is not one. */
static long number(const char *s, const char *end)
{
    long n = 0;
    if (s == end || end - s > 5)
        return -1;
    for (; s < end; s++) {
        if (!isdigit((unsigned char)*s))
            return -1;
        n = n * 10 + (*s - '0');
    }
    return n;
}

/* "+IPD,"'s fields up to end: len | id,len | len,"ip",port | id,len,"ip",port. Returns 0 and
 * sets link and len, or -1 when they are not a header. */
static int ipd_fields(const char *s, const char *end, int *link, long *len)
{
    const char *field[4], *stop[4];
    int n = 0;
    for (const char *f = s;; f = stop[n++] + 1) {
        const char *comma = memchr(f, ',', (size_t)(end - f));
        if (n == 4)
            return -1;              /* a fifth field: not a header */
        field[n] = f;
        stop[n] = comma ? comma : end;
        if (!comma) {
            n++;
            break;
        }
    }
    int has_id = n == 2 || n == 4 || (n == 3 && *field[1] != '"');
    if (n == 3 && has_id)
        return -1;
    long id = has_id ? number(field[0], stop[0]) : -1;
    long count = number(field[has_id], stop[has_id]);
    if ((has_id && (id < 0 || id > 99)) || count < 0 || count > AT_DATA_MAX)
        return -1;
    *link = (int)id;
    *len = count;
    return 0;
}

/* "[id,]WORD": the link id before a CONNECT or CLOSED; -1 without one; -2 when text is
 * not word at all. */
static int linked_word(const char *text, const char *word)
{
    const char *comma = strchr(text, ',');
    if (strcmp(text, word) == 0)
        return -1;
    if (comma && strcmp(comma + 1, word) == 0) {
        long id = number(text, comma);
        return id >= 0 && id <= 99 ? (int)id : -2;
    }
    return -2;
}

static const struct {
    const char *text;
    enum at_kind kind;
} fixed_lines[] = {
    { "OK", AT_OK }, { "ERROR", AT_ERROR }, { "FAIL", AT_ERROR }, { "SEND OK", AT_SEND_OK },
    { "SEND FAIL", AT_SEND_FAIL }, { "ready", AT_READY }, { "WIFI CONNECTED", AT_WIFI_CONNECTED },
    { "WIFI GOT IP", AT_WIFI_GOT_IP }, { "WIFI DISCONNECT", AT_WIFI_DISCONNECT },
};

static const struct {
    const char *word;
    enum at_kind kind;
} link_lines[] = {
    { "CONNECT", AT_CONNECT }, { "CONNECT FAIL", AT_CONNECT_FAIL }, { "CLOSED", AT_CLOSED },
};

/* The kind of a whole, clean line; sets link and len for those that carry them. */
static enum at_kind kind_of(const char *t, size_t n, int *link, long *len)
{
    for (size_t i = 0; i < sizeof fixed_lines / sizeof fixed_lines[0]; i++)
        if (strcmp(t, fixed_lines[i].text) == 0)
            return fixed_lines[i].kind;
    for (size_t i = 0; i < sizeof link_lines / sizeof link_lines[0]; i++)
        if ((*link = linked_word(t, link_lines[i].word)) != -2)
            return link_lines[i].kind;
    *link = -1;
    if (strncmp(t, "busy ", 5) == 0)
        return AT_BUSY;
    if (strncmp(t, "+IPD,", 5) == 0 && ipd_fields(t + 5, t + n, link, len) == 0)
        return AT_IPD_PASSIVE;
    if (strncmp(t, "+MQTTCONNECTED:", 15) == 0 || strncmp(t, "+MQTTDISCONNECTED:", 18) == 0)
        return AT_MQTT_STATE;
    return t[0] == '+' && strchr(t, ':') ? AT_INFO : AT_TEXT;
}

/* Sorts a whole line into its kind and reports it. */
static void classify(struct at_parser *p, const struct at_callbacks *cb)
{
    int link = -1;
    long len = 0;
    enum at_kind kind = p->garbled ? AT_TEXT : kind_of(p->line, p->len, &link, &len);
    emit(cb, kind, link, len, p->line, p->len);
}

static void start_line(struct at_parser *p)
{
    p->len = 0;
    p->garbled = 0;
    p->quotes = 0;
    p->line[0] = '\0';
}

/* Payload follows the header just read: reports it and counts len bytes out next. */
static void start_data(struct at_parser *p, const struct at_callbacks *cb, enum at_kind kind,
                       int link, long len)
{
    emit(cb, kind, link, len, p->line, p->len);
    p->data_link = link;
    p->data_left = len;
    start_line(p);
}

/* "HEADER<len>," and len raw bytes: AT+CIPRECVDATA's data, and the body of a response the
 * modem's own HTTP client received (AT+HTTPCGET, AT+HTTPCLIENT), in as many of these as it
 * takes. */
static const char *const data_headers[] = { "+CIPRECVDATA:", "+HTTPCGET:", "+HTTPCLIENT:" };

/* "+MQTTSUBRECV:link,"topic",len," up to its last comma: a message the modem's MQTT client
 * received. 0 and link and len, or -1. The topic is quoted as it came (ESP-AT escapes
 * nothing in it), so the count is what follows its closing quote. */
static int mqtt_recv_fields(const char *t, size_t n, int *link, long *len)
{
    const char *end = t + n - 1, *comma = memchr(t, ',', n);
    const char *quote = end;
    while (quote > t && *quote != '"')
        quote--;
    if (!comma || quote <= comma + 1 || comma[1] != '"' || quote + 2 >= end || quote[1] != ',')
        return -1;          /* no topic, or no count after it yet */
    long id = number(t + 13, comma);
    *len = number(quote + 2, end);
    if (id < 0 || id > 99 || *len < 0 || *len > AT_DATA_MAX)
        return -1;
    *link = (int)id;
    return 0;
}

/* After each ':' or ',': does the line so far end a payload header? */
static int header_ended(struct at_parser *p, const struct at_callbacks *cb)
{
    const char *t = p->line;
    char last = t[p->len - 1];
    int link;
    long len;
    if (last == ':' && !(p->quotes & 1) && strncmp(t, "+IPD,", 5) == 0) {
        if (ipd_fields(t + 5, t + p->len - 1, &link, &len) < 0)
            return 0;
        start_data(p, cb, AT_IPD, link, len);
        return 1;
    }
    if (last != ',')
        return 0;
    if (!(p->quotes & 1) && p->quotes >= 2 && strncmp(t, "+MQTTSUBRECV:", 13) == 0) {
        if (mqtt_recv_fields(t, p->len, &link, &len) < 0)
            return 0;
        start_data(p, cb, AT_MQTT_RECV, link, len);
        return 1;
    }
    for (size_t i = 0; i < sizeof data_headers / sizeof data_headers[0]; i++) {
        size_t n = strlen(data_headers[i]);
        if (p->len > n && strncmp(t, data_headers[i], n) == 0) {
            len = number(t + n, t + p->len - 1);
            if (len < 0 || len > AT_DATA_MAX)
                return 0;
            start_data(p, cb, AT_RECVDATA, -1, len);
            return 1;
        }
    }
    return 0;
}

static void end_line(struct at_parser *p, const struct at_callbacks *cb)
{
    size_t blank = 0;
    while (blank < p->len && p->line[blank] == ' ')
        blank++;
    if (blank < p->len)     /* blank lines separate results; they say nothing */
        classify(p, cb);
    start_line(p);
}

static void line_byte(struct at_parser *p, const struct at_callbacks *cb, char c)
{
    if (c == '\n') {
        end_line(p, cb);
        return;
    }
    if (c == '\r')
        return;
    if (c == '>' && p->len == 0) {
        emit(cb, AT_PROMPT, -1, 0, ">", 1);
        return;
    }
    if (p->len == AT_LINE_MAX || c == '\0') {
        p->garbled = 1;     /* a cut line, or one with a NUL, is no result whatever it says */
        return;
    }
    p->line[p->len++] = c;
    p->line[p->len] = '\0';
    if (c == '"')
        p->quotes++;
    if (!p->garbled && (c == ':' || c == ','))
        header_ended(p, cb);
}

void at_parser_feed(struct at_parser *p, const uint8_t *buf, size_t len,
                    const struct at_callbacks *cb)
{
    size_t i = 0;
    while (i < len) {
        if (p->data_left > 0) {
            size_t n = len - i < (size_t)p->data_left ? len - i : (size_t)p->data_left;
            if (cb->data)
                cb->data(cb->ctx, p->data_link, buf + i, n);
            p->data_left -= (long)n;
            i += n;
            continue;
        }
        line_byte(p, cb, (char)buf[i++]);
    }
}
