/* A reset of the simulated board: the simulator starts again from its own binary with the
 * options it was booted with, as a board restarts from flash. */
#include <stdio.h>
#include <unistd.h>

#include "posix_port.h"

static char **boot_argv;

void posix_set_boot_argv(char **argv)
{
    boot_argv = argv;
}

void posix_reset(void)
{
    posix_console_restore();
    fflush(stdout);    /* not fflush(NULL): a control client's thread holds its FILE's lock */
    fflush(stderr);
    if (boot_argv) {
        execv("/proc/self/exe", boot_argv);
        perror("upyos: reset");
    }
    _exit(4);
}
