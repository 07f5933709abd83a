/* thr_test [SECONDS]: prints a line every few seconds (default 2) until killed. It never checks
 * its status: proc_sleep_ms waits while the process is held and fails once it is killed. */
#include "upyos.h"

UPYOS_STACK(4096);

int main(int argc, char **argv)
{
    proc_t *self = proc_current();
    double seconds = argc > 1 ? strtod(argv[1], NULL) : 2.0;
    if (seconds <= 0)
        return proc_error(self, argv[0], "%s: not a number of seconds", argv[1]);
    for (int n = 1;; n++) {
        proc_printf(self, "thr_test %d: tick %d\n", proc_pid(self), n);
        if (proc_sleep_ms((uint32_t)(seconds * 1000)) < 0)
            return 130;             /* killed or Ctrl-C, like any stopped command */
    }
}
