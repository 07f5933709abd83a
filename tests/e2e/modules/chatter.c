/* chatter N: prints N numbered lines with a busy pause between them, never sleeping and never
 * checking its status. Only its writes can hold it. */
#include "upyos.h"

int main(int argc, char **argv)
{
    proc_t *self = proc_current();
    int lines = argc > 1 ? atoi(argv[1]) : 10;
    for (int n = 1; n <= lines; n++) {
        proc_printf(self, "chatter %d\n", n);
        uint64_t until = hal_time_us() + 20000;
        while (hal_time_us() < until)
            ;
    }
    return 0;
}
