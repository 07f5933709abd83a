/* The remote-development services: telnet, FTP and HTTP servers (net/svc/). */
#include "kernel/command.h"
#include "net/svc/services.h"

COMMAND(utelnetd, "utelnetd start|stop|restart|status [-p PORT]",
        "telnet server (port 23): a shell of its own for each client")
{
    return service_command(&telnetd_service, p, argc, argv);
}
