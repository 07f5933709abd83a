/* mqttd: the board's side of fleet control through an MQTT broker (docs/mqtt.md). A daemon
 * process keeps one client connection (net/mqtt_client.h) on its event loop: it announces the
 * board on upyos/<sid>/status (retained; its will says offline), takes signed requests on
 * upyos/<sid>/cmd, upyos/group/<name>/cmd and upyos/all/cmd (net/fleet_auth.h decides), runs
 * each accepted one as a shell line in a session and thread of its own, as the HTTP API does,
 * so a long command holds up neither the shell nor other requests, and publishes its output
 * and status on upyos/<sid>/result. Telemetry goes to upyos/<sid>/telemetry.
 *
 * The client is not locked: only the daemon's thread touches it. Command threads hand their
 * results over through a queue the daemon publishes from (net/svc/mqttd_jobs.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hal/net.h"
#include "hal/system.h"
#include "hal/thread.h"
#include "hal/time.h"
#include "kernel/config.h"
#include "kernel/evloop.h"
#include "kernel/lazy_mutex.h"
#include "kernel/sysdata.h"
#include "lib/err.h"
#include "lib/json.h"
#include "lib/str.h"
#include "net/fleet_auth.h"
#include "net/mqtt_client.h"
#include "net/netif.h"
#include "net/socket.h"
#include "net/svc/mqttd_jobs.h"
#include "net/svc/services.h"
#include "shell/shell.h"

#define HOUSEKEEPING_MS 100     /* keep-alive, reconnecting: between them the loop sleeps */
#define GROUPS_MAX 8
#define FILTERS_MAX (GROUPS_MAX + 3)
/* A message here makes every board announce itself again: how a host finds the boards online
 * on a broker that keeps retained messages but gives none to a wildcard (RabbitMQ) */
#define ROLL_CALL_TOPIC "upyos/all/ping"
#define STOP_WAIT_MS 5000
#define DEFAULT_TELEMETRY_S 60

struct settings {
    char host[64], user[64], password[64], key[128], ca[64];
    char groups[GROUPS_MAX][32];
    int ngroups, tls, telemetry_s, window_s;
    uint16_t port;
};

/* Shared by the daemon and the `mqttd` command; under lock. */
static struct {
    lazy_mutex_t lock;
    volatile int pid;               /* the daemon; 0: stopped */
    volatile int connected;
    int keyless;                    /* no fleet key: nothing runs */
    unsigned accepted, refused;
    char where[80];                 /* host:port */
} state;

/* The daemon's own, touched only by its thread. */
struct daemon {
    proc_t *proc;
    stream_t *log;
    struct settings set;
    struct mqtt_client *client;
    struct fleet_guard guard;
    char filters[FILTERS_MAX][MQTTD_TOPIC_MAX];
    int nfilters, subscribed, was_up;
    int roll_called;                /* announce at the next tick */
    char status_topic[MQTTD_TOPIC_MAX], result_topic[MQTTD_TOPIC_MAX];
    char telemetry_topic[MQTTD_TOPIC_MAX];
};

static void lock(void)
{
    lazy_mutex_lock(&state.lock);
}

static void unlock(void)
{
    lazy_mutex_unlock(&state.lock);
}

/* ---- settings: the "mqttd" object of system.conf ---- */

/* A setting cut short would be a wrong one (a key that signs nothing): *too_long names it. */
static void copy_str(const struct json *m, const char *key, char *out, size_t size,
                     const char **too_long)
{
    if (str_copy(out, json_get_str(m, key, ""), size) >= size)
        *too_long = key;
}

static int get_int(const struct json *m, const char *key, int fallback)
{
    const struct json *v = json_get(m, key);
    if (v && v->type == JSON_BOOL)
        return v->boolean;
    return v && v->type == JSON_NUMBER ? (int)v->num : fallback;
}

static void read_groups(const struct json *m, struct settings *s)
{
    const struct json *g = json_get(m, "groups");
    for (g = g && g->type == JSON_ARRAY ? g->child : NULL; g && s->ngroups < GROUPS_MAX;
         g = g->next)
        if (g->type == JSON_STRING && g->str[0] && !strpbrk(g->str, "/+#"))
            str_copy(s->groups[s->ngroups++], g->str, sizeof s->groups[0]);
}

/* NULL, or the name of a setting too long to keep. */
static const char *read_settings(struct settings *s)
{
    const char *too_long = NULL;
    memset(s, 0, sizeof *s);
    struct json *m = config_get("mqttd");
    copy_str(m, "host", s->host, sizeof s->host, &too_long);
    copy_str(m, "user", s->user, sizeof s->user, &too_long);
    copy_str(m, "password", s->password, sizeof s->password, &too_long);
    copy_str(m, "key", s->key, sizeof s->key, &too_long);
    copy_str(m, "ca", s->ca, sizeof s->ca, &too_long);
    s->tls = get_int(m, "tls", 0);
    s->port = (uint16_t)get_int(m, "port", s->tls ? 8883 : 1883);
    s->telemetry_s = get_int(m, "telemetry", DEFAULT_TELEMETRY_S);
    s->window_s = get_int(m, "window", FLEET_WINDOW_S);
    read_groups(m, s);
    json_free(m);
    return too_long;
}

/* ---- requests ---- */

static void refuse(struct daemon *d, const struct mqtt_publish *m, const char *id,
                   const char *why)
{
    lock();
    state.refused++;
    unlock();
    stream_printf(d->log, "mqttd: refused request %s on %.*s: %s\n", id[0] ? id : "(no id)",
                  (int)m->topic.len, m->topic.ptr, why);
    mqttd_result(id, 0, "refused", why);
}

static void on_request(struct daemon *d, const struct mqtt_publish *m)
{
    struct fleet_request req;
    int verdict = fleet_request_parse(m->payload.ptr, m->payload.len, &req);
    if (verdict == FLEET_ACCEPTED)
        verdict = fleet_check(&d->guard, d->set.key, &req, hal_rtc_get());
    if (verdict == FLEET_ACCEPTED && strlen(req.cmd) >= SHELL_LINE_MAX) {
        refuse(d, m, req.id, "command too long");
    } else if (verdict != FLEET_ACCEPTED) {
        refuse(d, m, req.id, fleet_verdict_text(verdict));
    } else {
        lock();
        state.accepted++;
        unlock();
        mqttd_run(req.id, req.cmd);
    }
    fleet_request_free(&req);
}

/* A roll call is not a request: it runs nothing, it only asks for the public status again. */
static void on_message(void *ctx, const struct mqtt_publish *m)
{
    struct daemon *d = ctx;
    if (m->topic.len == strlen(ROLL_CALL_TOPIC) &&
        !memcmp(m->topic.ptr, ROLL_CALL_TOPIC, m->topic.len))
        d->roll_called = 1;
    else
        on_request(d, m);
}

/* ---- status and telemetry ---- */

/* The board's address: the first interface that is up, other than loopback if it can. */
static void board_ip(char *out, size_t size)
{
    struct hal_net_if nif;
    uint32_t best = 0;
    for (int i = 0; netif()->interface(i, &nif) == 0; i++)
        if (nif.up && nif.addr && (!best || (best >> 24) == 127))
            best = nif.addr;
    sock_addr_text(best, out, size);
}

static void add_memory(struct json *j)
{
    struct hal_mem_stats m;
    hal_mem_stats(&m);
    json_add(j, "uptime", json_new_num((double)((hal_time_us() - sysdata.boot_us) / 1000000)));
    json_add(j, "mem_free",
             json_new_num((double)(m.heap_total > m.heap_used ? m.heap_total - m.heap_used : 0)));
}

static void publish_json(struct daemon *d, const char *topic, struct json *j, int qos,
                         int retain)
{
    char *text = j ? json_to_string(j, 0) : NULL;
    if (text)
        mqtt_client_publish(d->client, topic, text, strlen(text), qos, retain, NULL);
    free(text);
    json_free(j);
}

/* The groups, so that a host knows which boards a group request should reach. */
static struct json *groups_json(const struct daemon *d)
{
    struct json *a = json_new(JSON_ARRAY);
    for (int i = 0; a && i < d->set.ngroups; i++)
        json_add(a, NULL, json_new_str(d->set.groups[i]));
    return a;
}

static void announce(struct daemon *d)
{
    char ip[16];
    struct json *j = json_new(JSON_OBJECT);
    if (!j)
        return;
    board_ip(ip, sizeof ip);
    json_add(j, "status", json_new_str("online"));
    json_add(j, "sid", json_new_str(sysdata.sid));
    json_add(j, "name", json_new_str(sysdata.name));
    json_add(j, "version", json_new_str(sysdata.version));
    json_add(j, "board", json_new_str(sysdata.board));
    json_add(j, "ip", json_new_str(ip));
    json_add(j, "groups", groups_json(d));
    add_memory(j);
    publish_json(d, d->status_topic, j, 1, 1);
}

static void telemetry(evloop_t *loop, void *arg)
{
    struct daemon *d = arg;
    struct json *j = mqtt_client_connected(d->client) ? json_new(JSON_OBJECT) : NULL;
    if (!j)
        return;
    add_memory(j);
    json_add(j, "time", json_new_num((double)hal_rtc_get()));
    proc_lock();
    json_add(j, "processes", json_new_num(proc_count()));
    proc_unlock();
    publish_json(d, d->telemetry_topic, j, 0, 0);
}

/* ---- the connection ---- */

/* One SUBSCRIBE waits for its answer at a time: the filters go one by one, from the tick. */
static void subscribe_next(struct daemon *d)
{
    if (d->subscribed < d->nfilters &&
        mqtt_client_subscribe(d->client, d->filters[d->subscribed], 1, NULL) == 0)
        d->subscribed++;
}

static void tick(evloop_t *loop, void *arg)
{
    struct daemon *d = arg;
    int r = mqtt_client_poll(d->client, 0);
    int up = mqtt_client_connected(d->client);
    if (up != d->was_up)
        stream_printf(d->log, up ? "mqttd: connected to %s as %s\n" : "mqttd: lost %s: %s\n",
                      state.where, up ? sysdata.sid : err_str(r < 0 ? r : ERR_CLOSED));
    if (up && (!d->was_up || d->roll_called))
        announce(d);                /* the will may have said offline meanwhile */
    d->roll_called = 0;
    d->was_up = state.connected = up;
    if (up) {
        subscribe_next(d);
        mqttd_publish_results(d->client, d->result_topic);
    }
}

/* The loop sleeps until one of these (or the housekeeping timer) says there is work. */
static int broker_spoke(void *arg)
{
    return mqtt_client_readable(((struct daemon *)arg)->client);
}

static int results_to_send(void *arg)
{
    return mqtt_client_connected(((struct daemon *)arg)->client) && mqttd_results_waiting();
}

static void make_topics(struct daemon *d)
{
    const char *sid = sysdata.sid;
    snprintf(d->status_topic, MQTTD_TOPIC_MAX, "upyos/%s/status", sid);
    snprintf(d->result_topic, MQTTD_TOPIC_MAX, "upyos/%s/result", sid);
    snprintf(d->telemetry_topic, MQTTD_TOPIC_MAX, "upyos/%s/telemetry", sid);
    snprintf(d->filters[d->nfilters++], MQTTD_TOPIC_MAX, "upyos/%s/cmd", sid);
    snprintf(d->filters[d->nfilters++], MQTTD_TOPIC_MAX, "upyos/all/cmd");
    snprintf(d->filters[d->nfilters++], MQTTD_TOPIC_MAX, ROLL_CALL_TOPIC);
    for (int i = 0; i < d->set.ngroups; i++)
        snprintf(d->filters[d->nfilters++], MQTTD_TOPIC_MAX, "upyos/group/%s/cmd",
                 d->set.groups[i]);
}

static int new_client(struct daemon *d)
{
    char client_id[64], will[96];
    snprintf(client_id, sizeof client_id, "upyos-%s", sysdata.sid);
    snprintf(will, sizeof will, "{\"status\":\"offline\",\"sid\":\"%s\"}", sysdata.sid);
    struct mqtt_config cfg = {
        .host = d->set.host, .port = d->set.port, .client_id = client_id,
        .user = d->set.user[0] ? d->set.user : NULL,
        .password = d->set.password[0] ? d->set.password : NULL,
        .will_topic = d->status_topic, .will_message = will, .will_qos = 1, .will_retain = 1,
        .clean_session = 1, .tls = (uint8_t)(d->set.tls != 0),
        .ca_file = d->set.ca[0] ? d->set.ca : NULL, .max_packet = MQTTD_MAX_PACKET };
    return mqtt_client_new(&cfg, on_message, d, &d->client);
}

static void run_daemon(struct daemon *d)
{
    make_topics(d);
    d->guard.window_s = d->set.window_s;
    if (!d->set.key[0])
        stream_printf(d->log, "mqttd: no fleet key in system.conf: every command is refused\n");
    evloop_t *loop = new_client(d) == 0 ? evloop_new() : NULL;
    if (!loop || evloop_timer(loop, 0, HOUSEKEEPING_MS, tick, d) < 0 ||
        evloop_watch(loop, broker_spoke, d, tick, d) < 0 ||
        evloop_watch(loop, results_to_send, d, tick, d) < 0 ||
        (d->set.telemetry_s > 0 &&
         evloop_timer(loop, (uint32_t)d->set.telemetry_s * 1000,
                      (uint32_t)d->set.telemetry_s * 1000, telemetry, d) < 0)) {
        stream_printf(d->log, "mqttd: %s\n", err_str(ERR_NOMEM));
    } else {
        int r = mqtt_client_connect(d->client);   /* on failure, poll retries with back-off */
        if (r < 0)
            stream_printf(d->log, "mqttd: connect %s: %s (retrying)\n", state.where,
                          r == ERR_ACCES ? mqtt_connack_text(mqtt_client_refusal(d->client))
                                         : err_str(r));
        evloop_run(loop);
    }
    evloop_free(loop);
    mqttd_stop_jobs();
    mqtt_client_free(d->client);    /* without DISCONNECT: the will says offline */
}

static void daemon_thread(void *arg)
{
    struct daemon *d = arg;
    d->proc->thread_id = hal_thread_id();
    proc_set_current(d->proc);
    run_daemon(d);
    mqttd_drop_results();
    lock();
    state.pid = 0;
    state.connected = 0;
    unlock();
    stream_unref(d->log);
    proc_end(d->proc);
    free(d);
}

/* ---- the command ---- */

static int start(proc_t *p)
{
    struct daemon *d = calloc(1, sizeof *d);
    if (!d)
        return proc_error(p, "mqttd", "out of memory");
    const char *too_long = read_settings(&d->set);
    if (too_long || !d->set.host[0]) {
        free(d);
        return too_long ? proc_error(p, "mqttd", "mqttd.%s in %s is too long", too_long,
                                     CONFIG_PATH)
                        : proc_error(p, "mqttd", "no broker: set mqttd.host in %s",
                                     CONFIG_PATH);
    }
    d->proc = proc_new("mqttd", NULL);
    if (!d->proc) {
        free(d);
        return proc_error(p, "mqttd", "out of memory");
    }
    d->proc->background = 1;
    d->log = stream_ref(proc_err(p));   /* the console, when init.sh starts it */
    proc_set_streams(d->proc, stream_null(), stream_ref(d->log), stream_ref(d->log));
    snprintf(state.where, sizeof state.where, "%s:%u", d->set.host, (unsigned)d->set.port);
    state.accepted = state.refused = 0;
    mqttd_jobs_reset();
    state.keyless = !d->set.key[0];
    state.pid = d->proc->pid;
    if (hal_thread_start(daemon_thread, d, 0, NULL) < 0) {
        state.pid = 0;
        stream_unref(d->log);
        proc_end(d->proc);
        free(d);
        return proc_error(p, "mqttd", "cannot start a thread");
    }
    proc_printf(p, "mqttd started: broker %s\n", state.where);
    return 0;
}

/* Idempotent, as the other services' stop: end.sh stops what may not run. */
static void stop(proc_t *p, int quiet)
{
    int pid = state.pid;
    if (!pid)
        return;
    proc_kill(pid);
    for (int waited = 0; proc_exists(pid) && waited < 2 * STOP_WAIT_MS; waited += 10)
        hal_sleep_us(10000);
    if (!quiet)
        proc_puts(p, "mqttd stopped\n");
}

static int status(proc_t *p)
{
    if (!state.pid) {
        proc_puts(p, "mqttd stopped\n");
        return 0;
    }
    int running = mqttd_jobs_running();
    lock();
    proc_printf(p, "mqttd running (pid %d), %s %s as %s: %u accepted, %u refused, "
                   "%d running%s\n",
                state.pid, state.connected ? "connected to" : "connecting to", state.where,
                sysdata.sid, state.accepted, state.refused, running,
                state.keyless ? "; no fleet key: every command is refused" : "");
    unlock();
    return 0;
}

int mqttd_command(proc_t *p, int argc, char **argv)
{
    const char *action = argc > 1 ? argv[1] : "status";
    if (argc > 2)
        return proc_error(p, "mqttd", "%s: unexpected argument", argv[2]);
    lock();
    unlock();                       /* the locks are made here, before any daemon thread */
    mqttd_jobs_running();
    if (!strcmp(action, "status"))
        return status(p);
    if (!strcmp(action, "stop")) {
        stop(p, 0);
        return 0;
    }
    if (!strcmp(action, "start") && state.pid)
        return proc_error(p, "mqttd", "already running (pid %d)", state.pid);
    if (!strcmp(action, "restart"))
        stop(p, 1);
    if (!strcmp(action, "start") || !strcmp(action, "restart"))
        return start(p);
    return proc_error(p, "mqttd", "%s: unknown action (start, stop, restart, status)", action);
}
