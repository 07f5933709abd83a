/* The simulated radio: access points come from /etc/wifi-sim.json on the simulated board:
 *   {"access_points": [{"ssid": "HomeNet", "psk": "secret", "rssi": -48, "channel": 6,
 *                        "auth": "WPA2", "ip": "192.168.1.50", "gateway": "192.168.1.1"}]}
 * Joining takes a moment, like a real radio, and only with the right key. The board's files
 * are read with the reader the simulator's entry hands over (the VFS): the HAL sits below the
 * core and links nothing of it but lib/. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "hal/wifi.h"
#include "lib/err.h"
#include "lib/json.h"
#include "lib/str.h"
#include "posix_port.h"

#define SIM_FILE "/etc/wifi-sim.json"
#define JOIN_DELAY_MS 300
#define SETTINGS 16

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static int active[2];
static enum hal_wifi_state state;
static char joined[33];
static struct timespec join_started;
static int join_ok;
static struct hal_wifi_ip ip[2] = { { 0 }, { 0xc0a80401, 0xffffff00, 0xc0a80401, 0 } };
static struct {
    int iface;
    char key[16], value[64];
} settings[SETTINGS];

const char *hal_wifi_describe(void)
{
    return "simulated radio (access points from " SIM_FILE ")";
}

static posix_file_reader *read_board_file;

void posix_wifi_set_reader(posix_file_reader *reader)
{
    read_board_file = reader;
}

static struct json *load_world(void)
{
    char *text;
    size_t len;
    if (!read_board_file || read_board_file(SIM_FILE, &text, &len) < 0)
        return NULL;
    struct json *j = json_parse(text, NULL, 0);
    free(text);
    return j;
}

static uint32_t parse_ip(const char *text)
{
    unsigned a, b, c, d;
    if (!text || sscanf(text, "%u.%u.%u.%u", &a, &b, &c, &d) != 4)
        return 0;
    return a << 24 | b << 16 | c << 8 | d;
}

static double elapsed_ms(const struct timespec *since)
{
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (double)(now.tv_sec - since->tv_sec) * 1000 + (double)(now.tv_nsec - since->tv_nsec) / 1e6;
}

int hal_wifi_set_active(enum hal_wifi_iface iface, int on)
{
    pthread_mutex_lock(&lock);
    active[iface] = on;
    if (!on && iface == HAL_WIFI_STA)
        state = HAL_WIFI_IDLE;
    pthread_mutex_unlock(&lock);
    return 0;
}

int hal_wifi_is_active(enum hal_wifi_iface iface)
{
    return active[iface];
}

static void fill_ap(const struct json *e, struct hal_wifi_ap *ap)
{
    memset(ap, 0, sizeof *ap);
    str_copy(ap->ssid, json_get_str(e, "ssid", ""), sizeof ap->ssid);
    struct json *n = json_get(e, "rssi");
    ap->rssi = n && n->type == JSON_NUMBER ? (int)n->num : -70;
    n = json_get(e, "channel");
    ap->channel = n && n->type == JSON_NUMBER ? (int)n->num : 1;
    str_copy(ap->auth, json_get_str(e, "auth", json_get_str(e, "psk", "")[0] ? "WPA2" : "OPEN"),
             sizeof ap->auth);
    uint32_t h = 2166136261u;                 /* a stable made-up BSSID from the name */
    for (const char *c = ap->ssid; *c; c++)
        h = (h ^ (uint8_t)*c) * 16777619u;
    uint8_t bssid[6] = { 0x02, 0x5e, (uint8_t)(h >> 24), (uint8_t)(h >> 16), (uint8_t)(h >> 8),
                         (uint8_t)h };
    memcpy(ap->bssid, bssid, 6);
}

int hal_wifi_scan(struct hal_wifi_ap *out, int max)
{
    if (!active[HAL_WIFI_STA])
        return ERR_BUSY;
    struct json *world = load_world();
    struct json *list = json_get(world, "access_points");
    int n = 0;
    for (struct json *e = list ? list->child : NULL; e && n < max; e = e->next)
        fill_ap(e, &out[n++]);
    json_free(world);
    return n;
}

int hal_wifi_connect(const char *ssid, const char *psk)
{
    if (!active[HAL_WIFI_STA])
        return ERR_BUSY;
    struct json *world = load_world();
    struct json *list = json_get(world, "access_points"), *found = NULL;
    for (struct json *e = list ? list->child : NULL; e; e = e->next)
        if (!strcmp(json_get_str(e, "ssid", ""), ssid))
            found = e;
    pthread_mutex_lock(&lock);
    str_copy(joined, ssid, sizeof joined);
    clock_gettime(CLOCK_MONOTONIC, &join_started);
    state = found ? HAL_WIFI_CONNECTING : HAL_WIFI_NO_AP;
    join_ok = found && !strcmp(json_get_str(found, "psk", ""), psk ? psk : "");
    if (found) {
        uint32_t addr = parse_ip(json_get_str(found, "ip", "192.168.1.50"));
        uint32_t gw = parse_ip(json_get_str(found, "gateway", "192.168.1.1"));
        ip[HAL_WIFI_STA] = (struct hal_wifi_ip){ addr, 0xffffff00, gw, gw };
    }
    pthread_mutex_unlock(&lock);
    json_free(world);
    return 0;
}

int hal_wifi_disconnect(void)
{
    pthread_mutex_lock(&lock);
    state = HAL_WIFI_IDLE;
    joined[0] = '\0';
    pthread_mutex_unlock(&lock);
    return 0;
}

enum hal_wifi_state hal_wifi_state(void)
{
    pthread_mutex_lock(&lock);
    if (state == HAL_WIFI_CONNECTING && elapsed_ms(&join_started) >= JOIN_DELAY_MS)
        state = join_ok ? HAL_WIFI_CONNECTED : HAL_WIFI_WRONG_PASSWORD;
    enum hal_wifi_state s = state;
    pthread_mutex_unlock(&lock);
    return s;
}

int hal_wifi_get_ip(enum hal_wifi_iface iface, struct hal_wifi_ip *out)
{
    int up = iface == HAL_WIFI_AP ? active[iface] : hal_wifi_state() == HAL_WIFI_CONNECTED;
    if (up)
        *out = ip[iface];
    else
        memset(out, 0, sizeof *out);
    return 0;
}

int hal_wifi_set_ip(enum hal_wifi_iface iface, const struct hal_wifi_ip *in)
{
    pthread_mutex_lock(&lock);
    ip[iface] = *in;
    pthread_mutex_unlock(&lock);
    return 0;
}

int hal_wifi_mac(enum hal_wifi_iface iface, uint8_t mac[6])
{
    uint8_t m[6] = { 0x02, 0x75, 0x70, 0x79, 0x00, (uint8_t)(iface + 1) };
    memcpy(mac, m, 6);
    return 0;
}

int hal_wifi_config_set(int iface, const char *key, const char *value)
{
    pthread_mutex_lock(&lock);
    int free_slot = -1, r = ERR_NOSPC;
    for (int i = 0; i < SETTINGS; i++) {
        if (settings[i].key[0] && settings[i].iface == iface && !strcmp(settings[i].key, key)) {
            free_slot = i;
            break;
        }
        if (!settings[i].key[0] && free_slot < 0)
            free_slot = i;
    }
    if (free_slot >= 0) {
        settings[free_slot].iface = iface;
        str_copy(settings[free_slot].key, key, sizeof settings[free_slot].key);
        str_copy(settings[free_slot].value, value, sizeof settings[free_slot].value);
        r = 0;
    }
    pthread_mutex_unlock(&lock);
    return r;
}

int hal_wifi_config_get(int iface, const char *key, char *value, size_t size)
{
    int r = ERR_NOENT;
    pthread_mutex_lock(&lock);
    for (int i = 0; i < SETTINGS; i++)
        if (settings[i].key[0] && settings[i].iface == iface && !strcmp(settings[i].key, key)) {
            str_copy(value, settings[i].value, size);
            r = 0;
        }
    pthread_mutex_unlock(&lock);
    return r;
}
