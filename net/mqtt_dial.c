/* How the MQTT client reaches its broker: conn_dial (net/conn.h), over TLS when the settings
 * say so, and detached from the process that dials when the connection is kept. */
#include "net/mqtt_client.h"

#include "net/tls.h"

int mqtt_dial(const struct mqtt_config *cfg, struct conn *out)
{
    struct tls_options tls = { .ca_file = cfg->ca_file, .insecure = cfg->tls_insecure };
    int r = conn_dial(cfg->host, cfg->port, cfg->tls ? &tls : NULL,
                      (int)cfg->connect_timeout_ms, out);
    if (r == 0 && cfg->detached)
        conn_detach(*out);
    return r;
}
