#include "net/svc/telnet_proto.h"

#include <string.h>

enum { S_DATA, S_IAC, S_OPTION, S_SB, S_SB_IAC };

static int get_bit(const uint8_t *bits, uint8_t opt)
{
    return bits[opt >> 3] >> (opt & 7) & 1;
}

static void set_bit(uint8_t *bits, uint8_t opt, int on)
{
    if (on)
        bits[opt >> 3] |= (uint8_t)(1 << (opt & 7));
    else
        bits[opt >> 3] &= (uint8_t)~(1 << (opt & 7));
}

size_t telnet_start(struct telnet *p, uint8_t *out)
{
    memset(p, 0, sizeof *p);
    static const uint8_t offers[] = {
        TELNET_IAC, TELNET_WILL, TELNET_OPT_ECHO,
        TELNET_IAC, TELNET_WILL, TELNET_OPT_SGA,
        TELNET_IAC, TELNET_DO, TELNET_OPT_NAWS,
    };
    set_bit(p->ours, TELNET_OPT_ECHO, 1);
    set_bit(p->ours, TELNET_OPT_SGA, 1);
    set_bit(p->theirs, TELNET_OPT_NAWS, 1);
    memcpy(out, offers, sizeof offers);
    return sizeof offers;
}

static void reply(const struct telnet_events *ev, uint8_t verb, uint8_t opt)
{
    uint8_t msg[3] = { TELNET_IAC, verb, opt };
    if (ev->reply)
        ev->reply(ev->ctx, msg, sizeof msg);
}

static int we_support(uint8_t opt)
{
    return opt == TELNET_OPT_ECHO || opt == TELNET_OPT_SGA;
}

static int they_may(uint8_t opt)
{
    return opt == TELNET_OPT_NAWS || opt == TELNET_OPT_SGA;
}

/* Answers only requests that change an option's state (RFC 1143), so nothing loops. */
static void negotiate(struct telnet *p, uint8_t verb, uint8_t opt, const struct telnet_events *ev)
{
    switch (verb) {
    case TELNET_DO:
        if (get_bit(p->ours, opt))
            break;
        if (we_support(opt)) {
            set_bit(p->ours, opt, 1);
            reply(ev, TELNET_WILL, opt);
        } else {
            reply(ev, TELNET_WONT, opt);
        }
        break;
    case TELNET_DONT:
        if (get_bit(p->ours, opt)) {
            set_bit(p->ours, opt, 0);
            reply(ev, TELNET_WONT, opt);
        }
        break;
    case TELNET_WILL:
        if (get_bit(p->theirs, opt))
            break;
        if (they_may(opt)) {
            set_bit(p->theirs, opt, 1);
            reply(ev, TELNET_DO, opt);
        } else {
            reply(ev, TELNET_DONT, opt);
        }
        break;
    case TELNET_WONT:
        if (get_bit(p->theirs, opt)) {
            set_bit(p->theirs, opt, 0);
            reply(ev, TELNET_DONT, opt);
        }
        break;
    }
}

static void end_subnegotiation(struct telnet *p, const struct telnet_events *ev)
{
    if (p->sb_len == 5 && p->sb[0] == TELNET_OPT_NAWS && ev->window) {
        int cols = p->sb[1] << 8 | p->sb[2], rows = p->sb[3] << 8 | p->sb[4];
        if (cols > 0 && rows > 0)
            ev->window(ev->ctx, cols, rows);
    }
    p->sb_len = 0;
}

static void command(struct telnet *p, uint8_t c, const struct telnet_events *ev)
{
    p->state = S_DATA;
    if (c == TELNET_IAC) {
        if (ev->data)
            ev->data(ev->ctx, "\xff", 1);
    } else if (c >= TELNET_WILL) {
        p->verb = c;
        p->state = S_OPTION;
    } else if (c == TELNET_SB) {
        p->sb_len = 0;
        p->state = S_SB;
    } else if (c == TELNET_IP || c == TELNET_BRK) {
        if (ev->interrupt)
            ev->interrupt(ev->ctx);
    }
    /* NOP, DM, AYT, GA, EC, EL, AO and unknown commands are skipped */
}

void telnet_parse(struct telnet *p, const uint8_t *buf, size_t len, const struct telnet_events *ev)
{
    size_t run = 0;           /* start of the current stretch of plain data */
    for (size_t i = 0; i < len; i++) {
        uint8_t c = buf[i];
        if (p->state == S_DATA) {
            if (c != TELNET_IAC)
                continue;
            if (i > run && ev->data)
                ev->data(ev->ctx, (const char *)buf + run, i - run);
            p->state = S_IAC;
        } else if (p->state == S_IAC) {
            command(p, c, ev);
        } else if (p->state == S_OPTION) {
            negotiate(p, p->verb, c, ev);
            p->state = S_DATA;
        } else if (p->state == S_SB) {
            if (c == TELNET_IAC)
                p->state = S_SB_IAC;
            else if (p->sb_len < TELNET_SB_MAX)
                p->sb[p->sb_len++] = c;
        } else {              /* S_SB_IAC */
            if (c == TELNET_SE) {
                end_subnegotiation(p, ev);
                p->state = S_DATA;
            } else {
                if (c == TELNET_IAC && p->sb_len < TELNET_SB_MAX)
                    p->sb[p->sb_len++] = c;
                p->state = S_SB;
            }
        }
        run = i + 1;
    }
    if (p->state == S_DATA && len > run && ev->data)
        ev->data(ev->ctx, (const char *)buf + run, len - run);
}

size_t telnet_escape(const char *buf, size_t len, uint8_t *out)
{
    size_t n = 0;
    for (size_t i = 0; i < len; i++) {
        out[n++] = (uint8_t)buf[i];
        if ((uint8_t)buf[i] == TELNET_IAC)
            out[n++] = TELNET_IAC;
    }
    return n;
}
