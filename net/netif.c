#include "net/netif.h"

#include "kernel/board.h"
#include "lib/json.h"
#include "net/esp_at_net.h"

static const struct netif_ops port_network = {
    hal_net_available, hal_sock_open, hal_sock_bind, hal_sock_listen, hal_sock_accept,
    hal_sock_connect, hal_sock_send, hal_sock_recv, hal_sock_sendto, hal_sock_recvfrom,
    hal_sock_local, hal_sock_close, hal_sock_poll, hal_net_resolve, hal_net_ping, hal_net_interface,
    hal_wifi_describe, hal_wifi_set_active, hal_wifi_is_active, hal_wifi_scan,
    hal_wifi_connect, hal_wifi_disconnect, hal_wifi_state, hal_wifi_get_ip, hal_wifi_set_ip,
    hal_wifi_mac, hal_wifi_config_set, hal_wifi_config_get,
};

const struct netif_ops *netif(void)
{
    /* looked up again when another board file was loaded (loadconfig) */
    static unsigned seen;
    static const struct netif_ops *chosen = &port_network;
    if (board_loads() != seen) {
        seen = board_loads();
        struct json *modem = board_get("modem");
        chosen = modem && esp_at_net_configure(modem) == 0 ? &esp_at_network : &port_network;
        json_free(modem);
    }
    return chosen;
}
