/* A reset of the simulated board: the simulator starts again from its own binary with the
 * options it was booted with, as a board restarts from flash. */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "hal/system.h"

#include "posix_port.h"

static char **boot_argv;
static int next_cause = HAL_RESET_SOFT;

/* The cause travels to the next start in the environment, which execv keeps. */
#define CAUSE_VARIABLE "UPYOS_RESET_CAUSE"

void posix_set_reset_cause(int cause)
{
    next_cause = cause;
}

int hal_reset_cause(void)
{
    const char *cause = getenv(CAUSE_VARIABLE);
    return cause ? atoi(cause) : HAL_RESET_POWER_ON;
}

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
        char cause[8];
        snprintf(cause, sizeof cause, "%d", next_cause);
        setenv(CAUSE_VARIABLE, cause, 1);
        execv("/proc/self/exe", boot_argv);
        perror("upyos: reset");
    }
    _exit(4);
}
