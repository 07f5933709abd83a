/* The remote-development services: telnet, FTP and HTTP servers (net/svc/). */
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
