/* mqttc's options and verbs (docs/mqtt.md), shared by mqttc and atmqttc, which take the same
 * words for their different clients. */
#include "cmd/net/mqttc_options.h"

#include <stdlib.h>
#include <string.h>

static int number(const struct cmd_ctx *ctx, const char *opt, const char *text, long min,
                  long max, long *out)
{
    char *end;
    long v = strtol(text, &end, 10);
    if (!*text || *end || v < min || v > max)
        return cmd_error(ctx, "%s %s: not a number from %ld to %ld", opt, text, min, max);
    *out = v;
    return 0;
}

/* Options that take a value: which field of struct mqttc_options it goes to. */
static const char **text_option(struct mqttc_options *o, const char *opt)
{
    static const char *const names[] = { "-h", "-u", "-P", "-i", "-t", "-m", "--will",
                                         "--will-msg", "--ca" };
    const char **fields[] = { &o->host, &o->user, &o->password, &o->client_id, &o->topic,
                              &o->message, &o->will_topic, &o->will_message, &o->ca_file };
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if (!strcmp(opt, names[i]))
            return fields[i];
    return NULL;
}

static long *number_option(struct mqttc_options *o, const char *opt, long *max)
{
    static const char *const names[] = { "-p", "-q", "-k", "-n", "-w", "--will-qos" };
    static const long maxima[] = { 65535, 2, 65535, 1000000, 86400, 2 };
    long *fields[] = { &o->port, &o->qos, &o->keepalive, &o->count, &o->wait_s, &o->will_qos };
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if (!strcmp(opt, names[i])) {
            *max = maxima[i];
            return fields[i];
        }
    return NULL;
}

static int switch_option(struct mqttc_options *o, const char *opt)
{
    if (!strcmp(opt, "-r"))
        o->retain = 1;
    else if (!strcmp(opt, "-s"))
        o->persistent = 1;
    else if (!strcmp(opt, "--will-retain"))
        o->will_retain = 1;
    else if (!strcmp(opt, "--tls"))
        o->tls = 1;
    else if (!strcmp(opt, "--insecure"))
        o->insecure = 1;
    else if (!strcmp(opt, "-l"))
        o->lines = 1;
    else
        return 0;
    return 1;
}

int mqttc_parse(const struct cmd_ctx *ctx, int argc, char **argv, struct mqttc_options *o)
{
    memset(o, 0, sizeof *o);
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char **text = text_option(o, a);
        long max = 0, *num = number_option(o, a, &max);
        if ((text || num) && i + 1 >= argc)
            return cmd_error(ctx, "%s needs a value", a);
        if (text) {
            *text = argv[++i];
            o->message_given |= !strcmp(a, "-m");
        } else if (num) {
            if (number(ctx, a, argv[i + 1], strcmp(a, "-p") ? 0 : 1, max, num))
                return 2;
            i++;
        } else if (switch_option(o, a)) {
            continue;
        } else if (a[0] == '-' || o->verb) {
            return cmd_error(ctx, "unknown option %s (try %s --help)", a, argv[0]);
        } else {
            o->verb = a;
        }
    }
    if (!o->verb)
        return cmd_error(ctx, "missing what to do: pub, sub, unsub, listsub, ping, close or "
                              "listen");
    return 0;
}

/* What a verb needs besides the connection: checked before connecting. */
int mqttc_check_verb(const struct cmd_ctx *ctx, const struct mqttc_options *o)
{
    static const char *const verbs[] = { "pub", "sub", "unsub", "listsub", "ping", "close",
                                         "listen" };
    size_t v = 0;
    while (v < sizeof verbs / sizeof *verbs && strcmp(o->verb, verbs[v]))
        v++;
    if (v == sizeof verbs / sizeof *verbs)
        return cmd_error(ctx, "%s: not pub, sub, unsub, listsub, ping, close or listen", o->verb);
    if (v == 0 && (!o->topic || o->message_given == o->lines))
        return cmd_error(ctx, "pub needs -t TOPIC and -m MESSAGE");
    if ((v == 1 || v == 2) && !o->topic)
        return cmd_error(ctx, "%s needs -t TOPIC", o->verb);
    return 0;
}

