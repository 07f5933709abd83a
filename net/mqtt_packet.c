#include "net/mqtt_packet.h"

#include <string.h>

#include "lib/err.h"

struct mqtt_str mqtt_str(const char *text)
{
    struct mqtt_str s = { text, text ? strlen(text) : 0 };
    return s;
}

/* ---- encoding ----
 * A packet's body is written twice by the same function: once only counted (to learn the
 * remaining length, which comes first), then for real. So each packet type has one body
 * writer and there is no second place that could disagree about its size. */

struct out {
    uint8_t *buf;
    size_t cap, len;
};

static void put_byte(struct out *o, uint8_t b)
{
    if (o->len < o->cap)
        o->buf[o->len] = b;
    o->len++;
}

static void put_u16(struct out *o, uint16_t v)
{
    put_byte(o, (uint8_t)(v >> 8));
    put_byte(o, (uint8_t)v);
}

static void put_bytes(struct out *o, const void *data, size_t len)
{
    if (o->len < o->cap && len)
        memcpy(o->buf + o->len, data, len <= o->cap - o->len ? len : o->cap - o->len);
    o->len += len;
}

static void put_str(struct out *o, struct mqtt_str s)
{
    put_u16(o, (uint16_t)s.len);
    put_bytes(o, s.ptr, s.len);
}

typedef int (*body_fn)(struct out *o, const void *arg);

/* Writes the fixed header (first byte, remaining length) and the body. */
static int frame(uint8_t *buf, size_t cap, uint8_t first, body_fn body, const void *arg)
{
    struct out count = { NULL, 0, 0 };
    int r = body(&count, arg);
    if (r < 0)
        return r;
    if (count.len > MQTT_MAX_REMAINING)
        return ERR_INVAL;
    struct out o = { buf, cap, 0 };
    put_byte(&o, first);
    size_t left = count.len;
    do {
        uint8_t digit = left % 128;
        left /= 128;
        put_byte(&o, left ? digit | 0x80 : digit);
    } while (left);
    body(&o, arg);
    return (int)o.len;
}

static int str_ok(struct mqtt_str s)
{
    return s.len <= 0xffff && (s.ptr || !s.len);
}

static int connect_body(struct out *o, const void *arg)
{
    const struct mqtt_connect *c = arg;
    int will = c->will_topic.ptr != NULL;
    if (!str_ok(c->client_id) || !str_ok(c->user) || !str_ok(c->password) ||
        !str_ok(c->will_topic) || !str_ok(c->will_message) || c->will_qos > 2 ||
        (c->password.ptr && !c->user.ptr))      /* 3.1.1 allows no password without a user */
        return ERR_INVAL;
    uint8_t flags = (uint8_t)((c->clean_session ? 0x02 : 0) |
                              (will ? 0x04 | c->will_qos << 3 | (c->will_retain ? 0x20 : 0) : 0) |
                              (c->password.ptr ? 0x40 : 0) | (c->user.ptr ? 0x80 : 0));
    put_str(o, mqtt_str("MQTT"));
    put_byte(o, 4);                             /* protocol level of 3.1.1 */
    put_byte(o, flags);
    put_u16(o, c->keepalive_s);
    put_str(o, c->client_id);
    if (will) {
        put_str(o, c->will_topic);
        put_str(o, c->will_message);
    }
    if (c->user.ptr)
        put_str(o, c->user);
    if (c->password.ptr)
        put_str(o, c->password);
    return 0;
}

int mqtt_encode_connect(uint8_t *buf, size_t cap, const struct mqtt_connect *c)
{
    return frame(buf, cap, MQTT_CONNECT << 4, connect_body, c);
}

static int two_bytes_body(struct out *o, const void *arg)
{
    put_bytes(o, arg, 2);
    return 0;
}

int mqtt_encode_connack(uint8_t *buf, size_t cap, int session_present, int code)
{
    uint8_t body[2] = { session_present ? 1 : 0, (uint8_t)code };
    return frame(buf, cap, MQTT_CONNACK << 4, two_bytes_body, body);
}

static int publish_body(struct out *o, const void *arg)
{
    const struct mqtt_publish *m = arg;
    if (m->qos > 2 || !m->topic.len || !str_ok(m->topic) || (m->qos && !m->packet_id) ||
        (m->payload.len && !m->payload.ptr))
        return ERR_INVAL;
    put_str(o, m->topic);
    if (m->qos)
        put_u16(o, m->packet_id);
    put_bytes(o, m->payload.ptr, m->payload.len);
    return 0;
}

int mqtt_encode_publish(uint8_t *buf, size_t cap, const struct mqtt_publish *m)
{
    uint8_t first = (uint8_t)(MQTT_PUBLISH << 4 | (m->dup ? 0x08 : 0) | (m->qos & 3) << 1 |
                              (m->retain ? 1 : 0));
    return frame(buf, cap, first, publish_body, m);
}

/* PUBREL, SUBSCRIBE and UNSUBSCRIBE carry the fixed flags 0010 (3.6.1, 3.8.1, 3.10.1). */
static uint8_t first_byte(enum mqtt_type type)
{
    int flagged = type == MQTT_PUBREL || type == MQTT_SUBSCRIBE || type == MQTT_UNSUBSCRIBE;
    return (uint8_t)(type << 4 | (flagged ? 0x02 : 0));
}

int mqtt_encode_ack(uint8_t *buf, size_t cap, enum mqtt_type type, uint16_t packet_id)
{
    if (type != MQTT_PUBACK && type != MQTT_PUBREC && type != MQTT_PUBREL &&
        type != MQTT_PUBCOMP && type != MQTT_UNSUBACK)
        return ERR_INVAL;
    uint8_t body[2] = { (uint8_t)(packet_id >> 8), (uint8_t)packet_id };
    return frame(buf, cap, first_byte(type), two_bytes_body, body);
}

struct list_arg {
    uint16_t packet_id;
    const struct mqtt_topic_qos *list;
    size_t count;
    int with_qos;
};

static int list_body(struct out *o, const void *arg)
{
    const struct list_arg *a = arg;
    if (!a->packet_id || !a->count)
        return ERR_INVAL;
    put_u16(o, a->packet_id);
    for (size_t i = 0; i < a->count; i++) {
        if (!a->list[i].filter.len || !str_ok(a->list[i].filter) || a->list[i].qos > 2)
            return ERR_INVAL;
        put_str(o, a->list[i].filter);
        if (a->with_qos)
            put_byte(o, a->list[i].qos);
    }
    return 0;
}

int mqtt_encode_subscribe(uint8_t *buf, size_t cap, uint16_t packet_id,
                          const struct mqtt_topic_qos *list, size_t count)
{
    struct list_arg a = { packet_id, list, count, 1 };
    return frame(buf, cap, first_byte(MQTT_SUBSCRIBE), list_body, &a);
}

int mqtt_encode_unsubscribe(uint8_t *buf, size_t cap, uint16_t packet_id,
                            const struct mqtt_topic_qos *list, size_t count)
{
    struct list_arg a = { packet_id, list, count, 0 };
    return frame(buf, cap, first_byte(MQTT_UNSUBSCRIBE), list_body, &a);
}

struct codes_arg {
    uint16_t packet_id;
    const uint8_t *codes;
    size_t count;
};

static int suback_body(struct out *o, const void *arg)
{
    const struct codes_arg *a = arg;
    if (!a->count)
        return ERR_INVAL;
    put_u16(o, a->packet_id);
    put_bytes(o, a->codes, a->count);
    return 0;
}

int mqtt_encode_suback(uint8_t *buf, size_t cap, uint16_t packet_id, const uint8_t *codes,
                       size_t count)
{
    struct codes_arg a = { packet_id, codes, count };
    return frame(buf, cap, MQTT_SUBACK << 4, suback_body, &a);
}

static int empty_body(struct out *o, const void *arg)
{
    return 0;
}

int mqtt_encode_empty(uint8_t *buf, size_t cap, enum mqtt_type type)
{
    if (type != MQTT_PINGREQ && type != MQTT_PINGRESP && type != MQTT_DISCONNECT)
        return ERR_INVAL;
    return frame(buf, cap, (uint8_t)(type << 4), empty_body, NULL);
}

/* ---- topics ---- */

/* Well-formed UTF-8 without U+0000 (1.5.3): the strings end up as C strings. */
static int utf8_ok(const char *text, size_t len)
{
    const uint8_t *s = (const uint8_t *)text;
    for (size_t i = 0; i < len;) {
        uint8_t c = s[i];
        size_t more = c < 0x80 ? 0 : (c & 0xe0) == 0xc0 ? 1 : (c & 0xf0) == 0xe0 ? 2 :
                      (c & 0xf8) == 0xf0 ? 3 : 9;
        if (c == 0 || c == 0xc0 || c == 0xc1 || c > 0xf4 || more > len - i - 1)
            return 0;
        for (size_t k = 1; k <= more; k++)
            if ((s[i + k] & 0xc0) != 0x80)
                return 0;
        i += more + 1;
    }
    return 1;
}

int mqtt_topic_valid(const char *topic, size_t len)
{
    if (!len || len > 0xffff || !utf8_ok(topic, len))
        return 0;
    return !memchr(topic, '+', len) && !memchr(topic, '#', len);
}

int mqtt_filter_valid(const char *filter, size_t len)
{
    if (!len || len > 0xffff || !utf8_ok(filter, len))
        return 0;
    for (size_t i = 0; i < len; i++) {
        if (filter[i] != '+' && filter[i] != '#')
            continue;
        int starts_level = i == 0 || filter[i - 1] == '/';
        int ends_level = i + 1 == len || filter[i + 1] == '/';
        if (!starts_level || !ends_level || (filter[i] == '#' && i + 1 != len))
            return 0;
    }
    return 1;
}

/* Length of the level starting at s (up to the next '/' or the end). */
static size_t level_len(const char *s, size_t left)
{
    const char *slash = memchr(s, '/', left);
    return slash ? (size_t)(slash - s) : left;
}

int mqtt_topic_matches(const char *filter, size_t flen, const char *topic, size_t tlen)
{
    if (tlen && topic[0] == '$' && flen && (filter[0] == '+' || filter[0] == '#'))
        return 0;
    size_t f = 0, t = 0;
    for (;;) {
        if (flen - f == 1 && filter[f] == '#')
            return 1;                   /* also "a/#" for "a": # covers the parent level */
        size_t fl = level_len(filter + f, flen - f), tl = level_len(topic + t, tlen - t);
        int wild = fl == 1 && filter[f] == '+';
        if (!wild && (fl != tl || memcmp(filter + f, topic + t, fl)))
            return 0;
        f += fl;
        t += tl;
        if (f == flen || t == tlen)
            break;
        f++;                            /* past the '/' of both */
        t++;
    }
    if (f == flen && t == tlen)
        return 1;
    /* The topic ended first: "a/#" still matches "a". */
    return t == tlen && flen - f == 2 && filter[f + 1] == '#';
}

/* ---- decoding ---- */

struct in {
    const uint8_t *p;
    size_t left;
    int bad;
};

static uint8_t get_byte(struct in *i)
{
    if (!i->left) {
        i->bad = 1;
        return 0;
    }
    i->left--;
    return *i->p++;
}

static uint16_t get_u16(struct in *i)
{
    uint16_t hi = get_byte(i);
    return (uint16_t)(hi << 8 | get_byte(i));
}

static struct mqtt_str get_bytes(struct in *i)
{
    struct mqtt_str s = { NULL, get_u16(i) };
    if (i->bad || s.len > i->left) {
        i->bad = 1;
        s.len = 0;
        return s;
    }
    s.ptr = (const char *)i->p;
    i->p += s.len;
    i->left -= s.len;
    return s;
}

/* A string that must be UTF-8 (names, topics), not bytes (password, will message). */
static struct mqtt_str get_text(struct in *i)
{
    struct mqtt_str s = get_bytes(i);
    if (!i->bad && !utf8_ok(s.ptr, s.len))
        i->bad = 1;
    return s;
}

static int parse_connect(struct in *i, struct mqtt_connect *c)
{
    struct mqtt_str name = get_text(i);
    uint8_t level = get_byte(i), flags = get_byte(i);
    c->keepalive_s = get_u16(i);
    if (i->bad || name.len != 4 || memcmp(name.ptr, "MQTT", 4) || level != 4 || (flags & 1))
        return ERR_INVAL;
    int will = flags & 0x04;
    c->clean_session = (flags & 0x02) != 0;
    c->will_qos = (flags >> 3) & 3;
    c->will_retain = (flags & 0x20) != 0;
    if (c->will_qos > 2 || (!will && (c->will_qos || c->will_retain)) ||
        ((flags & 0x40) && !(flags & 0x80)))
        return ERR_INVAL;
    c->client_id = get_text(i);
    if (will) {
        c->will_topic = get_text(i);
        c->will_message = get_bytes(i);
    }
    if (flags & 0x80)
        c->user = get_text(i);
    if (flags & 0x40)
        c->password = get_bytes(i);
    return i->bad || i->left ? ERR_INVAL : 0;
}

static int parse_publish(struct in *i, struct mqtt_packet *pkt)
{
    struct mqtt_publish *m = &pkt->u.publish;
    m->qos = (pkt->flags >> 1) & 3;
    m->dup = (pkt->flags >> 3) & 1;
    m->retain = pkt->flags & 1;
    m->topic = get_text(i);
    if (m->qos)
        pkt->packet_id = m->packet_id = get_u16(i);
    if (i->bad || m->qos > 2 || (m->qos && !m->packet_id) ||
        !mqtt_topic_valid(m->topic.ptr, m->topic.len))
        return ERR_INVAL;
    m->payload.ptr = (const char *)i->p;
    m->payload.len = i->left;
    return 0;
}

/* SUBSCRIBE and UNSUBSCRIBE: checked whole here, so that mqtt_next_filter cannot fail. */
static int parse_filters(struct in *i, struct mqtt_packet *pkt)
{
    pkt->packet_id = get_u16(i);
    pkt->u.filters.entries = i->p;
    pkt->u.filters.len = i->left;
    if (i->bad || !pkt->packet_id || !i->left)
        return ERR_INVAL;
    while (i->left) {
        struct mqtt_str f = get_text(i);
        if (i->bad || !mqtt_filter_valid(f.ptr, f.len))
            return ERR_INVAL;
        if (pkt->type == MQTT_SUBSCRIBE && get_byte(i) > 2)
            return ERR_INVAL;
    }
    return i->bad ? ERR_INVAL : 0;
}

static int parse_suback(struct in *i, struct mqtt_packet *pkt)
{
    pkt->packet_id = get_u16(i);
    pkt->u.suback.codes = i->p;
    pkt->u.suback.count = i->left;
    if (i->bad || !i->left)
        return ERR_INVAL;
    for (size_t k = 0; k < i->left; k++)
        if (i->p[k] > 2 && i->p[k] != MQTT_SUBACK_FAILURE)
            return ERR_INVAL;
    return 0;
}

static int parse_connack(struct in *i, struct mqtt_packet *pkt)
{
    uint8_t flags = get_byte(i);
    pkt->u.connack.session_present = flags & 1;
    pkt->u.connack.code = get_byte(i);
    return i->bad || i->left || (flags & 0xfe) ? ERR_INVAL : 0;
}

/* The fixed header's flags are fixed for every type but PUBLISH (2.2.2). */
static int flags_ok(uint8_t type, uint8_t flags)
{
    if (type == MQTT_PUBLISH)
        return 1;
    return flags == (first_byte(type) & 0x0f);
}

int mqtt_parse(uint8_t header, const uint8_t *body, size_t len, struct mqtt_packet *out)
{
    memset(out, 0, sizeof *out);
    out->type = header >> 4;
    out->flags = header & 0x0f;
    struct in i = { body, len, 0 };
    if (out->type < MQTT_CONNECT || out->type > MQTT_DISCONNECT || !flags_ok(out->type, out->flags))
        return ERR_INVAL;
    switch (out->type) {
    case MQTT_CONNECT:
        return parse_connect(&i, &out->u.connect);
    case MQTT_CONNACK:
        return parse_connack(&i, out);
    case MQTT_PUBLISH:
        return parse_publish(&i, out);
    case MQTT_SUBSCRIBE:
    case MQTT_UNSUBSCRIBE:
        return parse_filters(&i, out);
    case MQTT_SUBACK:
        return parse_suback(&i, out);
    case MQTT_PINGREQ:
    case MQTT_PINGRESP:
    case MQTT_DISCONNECT:
        return len ? ERR_INVAL : 0;
    default:                            /* the acks: a packet id and nothing else */
        out->packet_id = get_u16(&i);
        return i.bad || i.left ? ERR_INVAL : 0;
    }
}

int mqtt_next_filter(const struct mqtt_packet *pkt, size_t *pos, struct mqtt_topic_qos *out)
{
    if (*pos >= pkt->u.filters.len)
        return 0;
    struct in i = { pkt->u.filters.entries + *pos, pkt->u.filters.len - *pos, 0 };
    out->filter = get_bytes(&i);
    out->qos = pkt->type == MQTT_SUBSCRIBE ? get_byte(&i) : 0;
    *pos = pkt->u.filters.len - i.left;
    return 1;
}

enum { READ_HEADER, READ_LENGTH, READ_BODY };

void mqtt_decoder_init(struct mqtt_decoder *d, uint8_t *buf, size_t cap)
{
    memset(d, 0, sizeof *d);
    d->buf = buf;
    d->cap = cap;
}

/* A PUBLISH over the buffer: its head (topic, id) is all there is to hand over. */
static int parse_oversize(struct mqtt_decoder *d, struct mqtt_packet *pkt)
{
    memset(pkt, 0, sizeof *pkt);
    pkt->type = MQTT_PUBLISH;
    pkt->flags = d->header & 0x0f;
    struct in i = { d->buf, d->cap, 0 };
    if (parse_publish(&i, pkt) < 0)
        return ERR_FBIG;                /* not even the topic fits */
    pkt->u.publish.payload.ptr = NULL;
    pkt->u.publish.payload.len = 0;
    pkt->oversize = d->need;
    return 0;
}

/* Hands over the packet in the buffer and gets ready for the next. */
static int deliver(struct mqtt_decoder *d, mqtt_packet_fn fn, void *ctx)
{
    struct mqtt_packet pkt;
    d->state = READ_HEADER;
    int r = d->need > d->cap ? parse_oversize(d, &pkt)
                             : mqtt_parse(d->header, d->buf, d->need, &pkt);
    return r < 0 ? r : fn(ctx, &pkt);
}

/* One byte of the remaining length (2.2.3): seven bits each, least significant first. */
static int length_byte(struct mqtt_decoder *d, uint8_t b)
{
    d->need |= (uint32_t)(b & 0x7f) << (7 * d->length_bytes++);
    if (b & 0x80)
        return d->length_bytes < 4 ? 0 : ERR_INVAL;
    if (d->need > d->cap && (d->header >> 4) != MQTT_PUBLISH)
        return ERR_FBIG;                /* refused whole: a cut packet would be a wrong one */
    d->got = 0;
    d->state = READ_BODY;
    return 1;                           /* the length is complete */
}

int mqtt_decoder_feed(struct mqtt_decoder *d, const uint8_t *data, size_t len,
                      mqtt_packet_fn fn, void *ctx)
{
    size_t i = 0;
    while (!d->error && i < len) {
        int r = 0;
        if (d->state == READ_HEADER) {
            d->header = data[i++];
            d->need = d->length_bytes = 0;
            d->state = READ_LENGTH;
        } else if (d->state == READ_LENGTH) {
            r = length_byte(d, data[i++]);
            if (r > 0)
                r = d->need ? 0 : deliver(d, fn, ctx);
        } else {
            size_t n = len - i < d->need - d->got ? len - i : d->need - d->got;
            if (d->got < d->cap)        /* an oversize PUBLISH: its head only */
                memcpy(d->buf + d->got, data + i, n < d->cap - d->got ? n : d->cap - d->got);
            d->got += (uint32_t)n;
            i += n;
            if (d->got == d->need)
                r = deliver(d, fn, ctx);
        }
        if (r < 0)
            d->error = r;
    }
    return d->error;
}
