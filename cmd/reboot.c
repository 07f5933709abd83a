/* reboot (orderly: processes stop, /etc/end.sh runs) and reset (at once, like the button). */
#include "hal/system.h"
#include "kernel/command.h"
#include "kernel/shutdown.h"

COMMAND(reboot, "reboot", "stop everything, run /etc/end.sh and start again", RAW_ARGS, 0, 0)
{
    proc_puts(p, "Rebooting...\n");
    shutdown_request(1);
    return 0;
}

COMMAND(reset, "reset", "reset the board at once, as its reset button does", RAW_ARGS, 0, 0)
{
    proc_puts(p, "Resetting...\n");
    hal_restart(1);
    return 0;
}
