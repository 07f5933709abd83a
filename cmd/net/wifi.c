/* wifi: the station and access-point interfaces of the WiFi radio (include/hal/wifi.h).
 * The subcommands are a table: what they take and the handler, beside each other. */
#include <stdlib.h>
#include <string.h>

#include "hal/time.h"
#include "hal/wifi.h"
#include "kernel/command.h"
#include "kernel/env.h"
#include "lib/err.h"
#include "net/netif.h"
#include "net/socket.h"

#define SCAN_MAX 16
#define CONNECT_TIMEOUT_S 10

struct wifi_sub {
    const char *name;
    int iface_needed;             /* 1: after sta|ap; 0: a radio setting */
    int min_args, max_args;       /* words after the subcommand */
    int (*run)(const struct cmd_ctx *ctx, int iface, int argc, char **argv);
};

static const char *iface_name(int iface)
{
    return iface == HAL_WIFI_AP ? "ap" : "sta";
}

static int set_active(const struct cmd_ctx *ctx, int iface, int on)
{
    int r = netif()->wifi_set_active(iface, on);
    if (r < 0)
        return cmd_error(ctx, "%s: %s", iface_name(iface), err_str(r));
    return 0;
}

static int sub_on(const struct cmd_ctx *ctx, int iface, int argc, char **argv)
{
    return set_active(ctx, iface, 1);
}

static int sub_off(const struct cmd_ctx *ctx, int iface, int argc, char **argv)
{
    return set_active(ctx, iface, 0);
}

static const char *state_text(enum hal_wifi_state s)
{
    switch (s) {
    case HAL_WIFI_CONNECTING: return "connecting";
    case HAL_WIFI_CONNECTED: return "connected";
    case HAL_WIFI_WRONG_PASSWORD: return "wrong password";
    case HAL_WIFI_NO_AP: return "access point not found";
    default: return "not connected";
    }
}

/* upyOS's scripts pass -n (no output) to status and disconnect: 1 for -n, 0 for nothing,
 * an error for anything else. */
static int quiet_option(const struct cmd_ctx *ctx, int argc, char **argv)
{
    if (argc == 0)
        return 0;
    if (!strcmp(argv[0], "-n"))
        return 1;
    cmd_error(ctx, "%s: unknown option", argv[0]);
    return -1;
}

/* Prints the state (unless -n) and sets the bool variables wa (active) and wc (connected). */
static int sub_status(const struct cmd_ctx *ctx, int iface, int argc, char **argv)
{
    int quiet = quiet_option(ctx, argc, argv);
    if (quiet < 0)
        return 1;
    int active = netif()->wifi_is_active(iface);
    int connected = active && (iface == HAL_WIFI_AP || netif()->wifi_state() == HAL_WIFI_CONNECTED);
    struct value wa = value_bool(active), wc = value_bool(connected);
    env_set("wa", &wa);
    env_set("wc", &wc);
    if (quiet)
        return 0;
    char ssid[40] = "", addr[16];
    struct hal_wifi_ip ip;
    netif()->wifi_get_ip(iface, &ip);
    sock_addr_text(ip.addr, addr, sizeof addr);
    netif()->wifi_config_get(iface, "ssid", ssid, sizeof ssid);
    proc_printf(ctx->p, "%s\n%s: %s, %s", netif()->wifi_describe(), iface_name(iface),
                active ? "active" : "inactive",
                iface == HAL_WIFI_AP ? (active ? "serving" : "off") :
                active ? state_text(netif()->wifi_state()) : "off");
    if (connected)
        proc_printf(ctx->p, "%s%s, %s", ssid[0] ? " to " : "", ssid, addr);
    proc_puts(ctx->p, "\n");
    return 0;
}

static int sub_scan(const struct cmd_ctx *ctx, int iface, int argc, char **argv)
{
    struct hal_wifi_ap aps[SCAN_MAX];
    int n = netif()->wifi_scan(aps, SCAN_MAX);
    if (n == ERR_BUSY)
        return cmd_error(ctx, "sta is off (wifi sta on)");
    if (n < 0)
        return cmd_error(ctx, "scan: %s", err_str(n));
    proc_printf(ctx->p, "%s\n%-32s %-17s %4s %5s %s\n", netif()->wifi_describe(), "SSID", "BSSID",
                "Chan", "RSSI", "Auth");
    for (int i = 0; i < n; i++) {
        const uint8_t *b = aps[i].bssid;
        proc_printf(ctx->p, "%-32s %02x:%02x:%02x:%02x:%02x:%02x %4d %5d %s\n", aps[i].ssid,
                    b[0], b[1], b[2], b[3], b[4], b[5], aps[i].channel, aps[i].rssi, aps[i].auth);
    }
    return 0;
}

static int sub_connect(const struct cmd_ctx *ctx, int iface, int argc, char **argv)
{
    long timeout = argc > 2 ? strtol(argv[2], NULL, 10) : CONNECT_TIMEOUT_S;
    if (timeout < 1)
        return cmd_error(ctx, "%s: not a time-out in seconds", argv[2]);
    int r = netif()->wifi_connect(argv[0], argc > 1 ? argv[1] : "");
    if (r == ERR_BUSY)
        return cmd_error(ctx, "sta is off (wifi sta on)");
    if (r < 0)
        return cmd_error(ctx, "connect: %s", err_str(r));
    netif()->wifi_config_set(HAL_WIFI_STA, "ssid", argv[0]);
    uint64_t deadline = hal_time_us() + (uint64_t)timeout * 1000000;
    enum hal_wifi_state s;
    while ((s = netif()->wifi_state()) == HAL_WIFI_CONNECTING && hal_time_us() < deadline)
        if (proc_sleep_ms(100) < 0)
            return 130;
    if (s == HAL_WIFI_CONNECTED) {
        proc_puts(ctx->p, "Connected\n");
        return 0;
    }
    if (s == HAL_WIFI_CONNECTING || s == HAL_WIFI_WRONG_PASSWORD)
        proc_puts(ctx->p, "Time out waiting connection\n");
    return cmd_error(ctx, "%s: %s", argv[0], state_text(s));
}

static int sub_disconnect(const struct cmd_ctx *ctx, int iface, int argc, char **argv)
{
    if (quiet_option(ctx, argc, argv) < 0)
        return 1;
    netif()->wifi_disconnect();
    return 0;
}

/* `config k=v ...` sets; `config k` shows one. */
static int sub_config(const struct cmd_ctx *ctx, int iface, int argc, char **argv)
{
    for (int i = 0; i < argc; i++) {
        char *eq = strchr(argv[i], '=');
        char value[64];
        if (!eq) {
            if (netif()->wifi_config_get(iface, argv[i], value, sizeof value) < 0)
                return cmd_error(ctx, "%s: not set", argv[i]);
            proc_printf(ctx->p, "%s=%s\n", argv[i], value);
            continue;
        }
        *eq = '\0';
        int r = netif()->wifi_config_set(iface, argv[i], eq + 1);
        if (r < 0)
            return cmd_error(ctx, "%s: %s", argv[i], err_str(r));
    }
    return 0;
}

static int sub_ifconfig(const struct cmd_ctx *ctx, int iface, int argc, char **argv)
{
    struct hal_wifi_ip ip;
    if (argc == 0) {
        char a[16], m[16], g[16], d[16];
        netif()->wifi_get_ip(iface, &ip);
        sock_addr_text(ip.addr, a, sizeof a);
        sock_addr_text(ip.netmask, m, sizeof m);
        sock_addr_text(ip.gateway, g, sizeof g);
        sock_addr_text(ip.dns, d, sizeof d);
        proc_printf(ctx->p, "('%s', '%s', '%s', '%s')\n", a, m, g, d);
        return 0;
    }
    if (argc != 4)
        return cmd_error(ctx, "ifconfig takes IP MASK GATEWAY DNS");
    uint32_t *fields[4] = { &ip.addr, &ip.netmask, &ip.gateway, &ip.dns };
    for (int i = 0; i < 4; i++)
        if (sock_parse_addr(argv[i], fields[i]) < 0)
            return cmd_error(ctx, "%s: not an IPv4 address", argv[i]);
    netif()->wifi_set_ip(iface, &ip);
    return 0;
}

/* country, hostname, phy_mode: show, or set with a value. */
static int sub_radio_setting(const struct cmd_ctx *ctx, const char *key, int argc, char **argv)
{
    char value[64];
    if (argc > 0) {
        int r = netif()->wifi_config_set(-1, key, argv[0]);
        return r < 0 ? cmd_error(ctx, "%s: %s", key, err_str(r)) : 0;
    }
    if (netif()->wifi_config_get(-1, key, value, sizeof value) < 0)
        value[0] = '\0';
    proc_printf(ctx->p, "%s\n", value);
    return 0;
}

static int sub_country(const struct cmd_ctx *ctx, int iface, int argc, char **argv)
{
    return sub_radio_setting(ctx, "country", argc, argv);
}

static int sub_hostname(const struct cmd_ctx *ctx, int iface, int argc, char **argv)
{
    return sub_radio_setting(ctx, "hostname", argc, argv);
}

static int sub_phy_mode(const struct cmd_ctx *ctx, int iface, int argc, char **argv)
{
    return sub_radio_setting(ctx, "phy_mode", argc, argv);
}

static const struct wifi_sub subs[] = {
    { "on", 1, 0, 0, sub_on },
    { "off", 1, 0, 0, sub_off },
    { "status", 1, 0, 1, sub_status },
    { "scan", 1, 0, 0, sub_scan },
    { "connect", 1, 1, 3, sub_connect },
    { "disconnect", 1, 0, 1, sub_disconnect },
    { "config", 1, 1, 8, sub_config },
    { "ifconfig", 1, 0, 4, sub_ifconfig },
    { "country", 0, 0, 1, sub_country },
    { "hostname", 0, 0, 1, sub_hostname },
    { "phy_mode", 0, 0, 1, sub_phy_mode },
};

static const struct wifi_sub *find_sub(const char *name)
{
    for (size_t i = 0; i < sizeof subs / sizeof subs[0]; i++)
        if (!strcmp(subs[i].name, name))
            return &subs[i];
    return NULL;
}

COMMAND(wifi, "wifi sta|ap on|off|status [-n]\n"
              "wifi sta scan | connect SSID PSK [TIMEOUT] | disconnect [-n]\n"
              "wifi sta|ap config K=V... | ifconfig [IP MASK GW DNS]\n"
              "wifi country|hostname|phy_mode [VALUE]",
        "WiFi station and access point (status sets the bool variables wa and wc)",
        RAW_ARGS, 0, MANY)
{
    if (!netif()->wifi_describe())
        return cmd_error(ctx, "this board has no WiFi radio");
    if (argc < 2) {
        proc_printf(p, "%s\n", netif()->wifi_describe());
        return 0;
    }
    int iface = -1, first = 1;
    if (!strcmp(argv[1], "sta") || !strcmp(argv[1], "ap")) {
        iface = argv[1][0] == 'a' ? HAL_WIFI_AP : HAL_WIFI_STA;
        first = 2;
    }
    const struct wifi_sub *s = argc > first ? find_sub(argv[first]) : NULL;
    if (!s || s->iface_needed != (iface >= 0))
        return cmd_error(ctx, "%s: unknown subcommand (wifi --help)",
                         argc > first ? argv[first] : argv[1]);
    if (s->run == sub_scan && iface == HAL_WIFI_AP)
        return cmd_error(ctx, "scan is a station subcommand");
    int n = argc - first - 1;
    if (n < s->min_args || n > s->max_args)
        return cmd_error(ctx, "%s: wrong number of arguments", s->name);
    return s->run(ctx, iface, n, argv + first + 1);
}
