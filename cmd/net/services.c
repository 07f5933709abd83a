/* The remote-development services: telnet, FTP and HTTP servers, and fleet control through
 * an MQTT broker (net/svc/). */
#include "kernel/command.h"
#include "net/svc/services.h"

COMMAND(utelnetd, "utelnetd start|stop|restart|status [-p PORT]",
        "telnet server (port 23): a shell of its own for each client", RAW_ARGS, 0, MANY)
{
    return service_command(&telnetd_service, p, argc, argv);
}

COMMAND(uftpd, "uftpd start|stop|restart|status [-p PORT]",
        "FTP server (port 21) for the filesystem; login when a password is set", RAW_ARGS, 0, MANY)
{
    return service_command(&ftpd_service, p, argc, argv);
}

COMMAND(uhttpd, "uhttpd start|stop|restart|status [-p PORT]",
        "web server (port 80): /www, the JSON API and the web terminal", RAW_ARGS, 0, MANY)
{
    return service_command(&httpd_service, p, argc, argv);
}

COMMAND(mqttd, "mqttd start|stop|restart|status",
        "fleet control: signed commands and telemetry through the MQTT broker of system.conf",
        RAW_ARGS, 0, 1)
{
    return mqttd_command(p, argc, argv);
}
