/* ifconfig: each network interface with its address, mask, gateway, MAC, DNS and status. */
#include "hal/net.h"
#include "hal/wifi.h"
#include "kernel/command.h"
#include "net/netif.h"
#include "net/socket.h"

static void print_interface(proc_t *p, const char *name, uint32_t addr, uint32_t mask,
                            uint32_t gw, uint32_t dns, const uint8_t *mac, const char *status)
{
    char a[16], m[16], g[16], d[16];
    sock_addr_text(addr, a, sizeof a);
    sock_addr_text(mask, m, sizeof m);
    sock_addr_text(gw, g, sizeof g);
    sock_addr_text(dns, d, sizeof d);
    proc_printf(p, "%s: %s\n    inet %s netmask %s gateway %s\n", name, status, a, m, g);
    proc_printf(p, "    ether %02x:%02x:%02x:%02x:%02x:%02x  dns %s\n", mac[0], mac[1], mac[2],
                mac[3], mac[4], mac[5], d);
}

static void print_wifi(proc_t *p, enum hal_wifi_iface iface)
{
    struct hal_wifi_ip ip;
    uint8_t mac[6];
    if (!netif()->wifi_describe() || !netif()->wifi_is_active(iface))
        return;
    netif()->wifi_get_ip(iface, &ip);
    netif()->wifi_mac(iface, mac);
    const char *status = iface == HAL_WIFI_AP ? "access point, up" :
                         netif()->wifi_state() == HAL_WIFI_CONNECTED ? "connected" : "not connected";
    print_interface(p, iface == HAL_WIFI_AP ? "wlan-ap" : "wlan-sta", ip.addr, ip.netmask,
                    ip.gateway, ip.dns, mac, status);
}

COMMAND(ifconfig, "ifconfig", "show the network interfaces", RAW_ARGS, 0, 0)
{
    if (!netif()->available())
        proc_puts(p, "no wired network interface\n");
    struct hal_net_if nif;
    for (int i = 0; netif()->interface(i, &nif) == 0; i++)
        print_interface(p, nif.name, nif.addr, nif.netmask, nif.gateway, nif.dns, nif.mac,
                        nif.up ? "up" : "down");
    print_wifi(p, HAL_WIFI_STA);
    print_wifi(p, HAL_WIFI_AP);
    return 0;
}
