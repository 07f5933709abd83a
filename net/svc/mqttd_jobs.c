#include "net/svc/mqttd_jobs.h"

#include <stdlib.h>
#include <string.h>

#include "hal/thread.h"
#include "kernel/lazy_mutex.h"
#include "kernel/sysdata.h"
#include "lib/err.h"
#include "lib/json.h"
#include "lib/str.h"
#include "net/fleet_auth.h"
#include "shell/session.h"

#define STOP_WAIT_MS 5000

/* A finished command (or a refusal) waiting to be published. */
struct result {
    struct result *next;
    char *json;
};

struct job {
    int slot;
    char id[FLEET_ID_MAX + 1];
    char *line;
};

/* Shared by the daemon's thread, the command threads and `mqttd status`; under lock. */
static struct {
    lazy_mutex_t lock;
    int jobs[MQTTD_JOBS_MAX];       /* pids of running commands; -1: starting; 0: free */
    int stopping;
    struct result *results, *last;
} state;

static void lock(void)
{
    lazy_mutex_lock(&state.lock);
}

static void unlock(void)
{
    lazy_mutex_unlock(&state.lock);
}

/* ---- results ---- */

/* {id, sid, status, output}: status is the exit status, or a word when nothing ran. The output
 * is halved until the JSON fits a packet (its escapes can make it six times longer). */
static char *result_json(const char *id, int status, const char *word, const char *output)
{
    size_t len = strlen(output);
    for (;;) {
        struct json *j = json_new(JSON_OBJECT);
        char *cut = str_dup(output);
        if (!j || !cut) {
            json_free(j);
            free(cut);
            return NULL;
        }
        cut[len] = '\0';
        json_add(j, "id", json_new_str(id));
        json_add(j, "sid", json_new_str(sysdata.sid));
        json_add(j, "status", word ? json_new_str(word) : json_new_num(status));
        json_add(j, "output", json_new_str(cut));
        free(cut);
        char *text = json_to_string(j, 0);
        json_free(j);
        if (!text || strlen(text) < MQTTD_MAX_PACKET - MQTTD_TOPIC_MAX - 16 || len == 0)
            return text;
        free(text);
        len /= 2;
        while (len > 0 && ((unsigned char)output[len] & 0xc0) == 0x80)
            len--;                  /* not inside a UTF-8 character */
    }
}

void mqttd_result(const char *id, int status, const char *word, const char *output)
{
    struct result *r = malloc(sizeof *r);
    if (r && !(r->json = result_json(id, status, word, output))) {
        free(r);
        r = NULL;
    }
    if (!r)
        return;                     /* out of memory: the host's wait times out */
    r->next = NULL;
    lock();
    if (state.last)
        state.last->next = r;
    else
        state.results = r;
    state.last = r;
    unlock();
}

void mqttd_drop_results(void)
{
    lock();
    while (state.results) {
        struct result *r = state.results;
        state.results = r->next;
        free(r->json);
        free(r);
    }
    state.last = NULL;
    unlock();
}

int mqttd_results_waiting(void)
{
    lock();
    int waiting = state.results != NULL;
    unlock();
    return waiting;
}

void mqttd_publish_results(struct mqtt_client *c, const char *topic)
{
    for (;;) {
        lock();
        struct result *r = state.results;
        int sent = r && mqtt_client_publish(c, topic, r->json,
                                            strlen(r->json), 1, 0, NULL) != ERR_AGAIN;
        if (sent) {                 /* published, or never will be (too big): gone */
            state.results = r->next;
            if (!state.results)
                state.last = NULL;
        }
        unlock();
        if (!sent)
            return;
        free(r->json);
        free(r);
    }
}

/* ---- commands ---- */

static void job_thread(void *arg)
{
    struct job *j = arg;
    stream_t *out = stream_capture(MQTTD_OUTPUT_LIMIT);
    proc_t *s = out ? shell_start(j->line, NULL, NULL, stream_null(), out, stream_ref(out))
                    : NULL;
    if (!s) {
        mqttd_result(j->id, 0, "failed", "out of memory or processes");
    } else {
        lock();
        state.jobs[j->slot] = s->pid;
        int stopping = state.stopping;
        unlock();
        if (stopping)
            proc_kill(s->pid);
        int status = shell_run(s, j->line);
        mqttd_result(j->id, status, NULL, stream_capture_text(out, NULL));
        shell_end(s);
    }
    lock();
    state.jobs[j->slot] = 0;
    unlock();
    free(j->line);
    free(j);
}

static int reserve_slot(void)
{
    lock();
    int slot = -1;
    for (int i = 0; i < MQTTD_JOBS_MAX && slot < 0; i++)
        if (!state.jobs[i])
            slot = i;
    if (slot >= 0)
        state.jobs[slot] = -1;
    unlock();
    return slot;
}

void mqttd_run(const char *id, const char *line)
{
    int slot = reserve_slot();
    struct job *j = slot >= 0 ? malloc(sizeof *j) : NULL;
    if (j && (j->line = str_dup(line))) {
        j->slot = slot;
        str_copy(j->id, id, sizeof j->id);
        if (hal_thread_start(job_thread, j, 0, NULL) == 0)
            return;
        free(j->line);
    }
    free(j);
    if (slot >= 0) {
        lock();
        state.jobs[slot] = 0;
        unlock();
    }
    mqttd_result(id, 0, "busy", slot < 0 ? "too many commands running" : "out of memory");
}

void mqttd_stop_jobs(void)
{
    lock();
    state.stopping = 1;
    for (int i = 0; i < MQTTD_JOBS_MAX; i++)
        if (state.jobs[i] > 0)
            proc_kill(state.jobs[i]);
    unlock();
    for (int waited = 0; waited < STOP_WAIT_MS; waited += 10) {
        int busy = 0;
        lock();
        for (int i = 0; i < MQTTD_JOBS_MAX; i++)
            busy |= state.jobs[i] != 0;
        unlock();
        if (!busy)
            break;
        hal_sleep_us(10000);
    }
}

void mqttd_jobs_reset(void)
{
    lock();
    state.stopping = 0;
    unlock();
}

int mqttd_jobs_running(void)
{
    int running = 0;
    lock();
    for (int i = 0; i < MQTTD_JOBS_MAX; i++)
        running += state.jobs[i] != 0;
    unlock();
    return running;
}
