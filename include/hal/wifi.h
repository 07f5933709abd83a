/* WiFi: a station (joins an access point) and an access point interface. The posix port's
 * radio is simulated: its access points come from /etc/wifi-sim.json, and it says so. */
#ifndef HAL_WIFI_H
#define HAL_WIFI_H

#include <stddef.h>
#include <stdint.h>

enum hal_wifi_iface { HAL_WIFI_STA = 0, HAL_WIFI_AP = 1 };
enum hal_wifi_state {
    HAL_WIFI_IDLE, HAL_WIFI_CONNECTING, HAL_WIFI_CONNECTED, HAL_WIFI_WRONG_PASSWORD,
    HAL_WIFI_NO_AP,
};

struct hal_wifi_ap {
    char ssid[33];
    uint8_t bssid[6];
    int rssi;                   /* dBm */
    int channel;
    char auth[12];              /* "OPEN", "WPA2", ... */
};

struct hal_wifi_ip {
    uint32_t addr, netmask, gateway, dns;
};

/* What the radio is ("simulated radio (...)", a chip name); NULL when there is none. */
const char *hal_wifi_describe(void);
int hal_wifi_set_active(enum hal_wifi_iface iface, int on);
int hal_wifi_is_active(enum hal_wifi_iface iface);
/* Fills up to max access points in range; returns the count. */
int hal_wifi_scan(struct hal_wifi_ap *out, int max);
/* Starts joining ssid; hal_wifi_state() tells how it goes. */
int hal_wifi_connect(const char *ssid, const char *psk);
int hal_wifi_disconnect(void);
enum hal_wifi_state hal_wifi_state(void);
int hal_wifi_get_ip(enum hal_wifi_iface iface, struct hal_wifi_ip *ip);
int hal_wifi_set_ip(enum hal_wifi_iface iface, const struct hal_wifi_ip *ip);
int hal_wifi_mac(enum hal_wifi_iface iface, uint8_t mac[6]);
/* Settings by name: iface -1 for the radio's (country, hostname, phy_mode), else an
 * interface's (ssid, key, channel, ...). get copies the text into value. */
int hal_wifi_config_set(int iface, const char *key, const char *value);
int hal_wifi_config_get(int iface, const char *key, char *value, size_t size);

#endif
