/* spin: a busy loop that prints now and then and asks proc_should_stop() (the way to obey hold
 * and kill without a blocking call). */
#include "upyos.h"

int main(int argc, char **argv)
{
    proc_t *self = proc_current();
    uint64_t next = 0;
    for (int n = 1; !proc_should_stop(); ) {
        uint64_t now = hal_time_us();
        if (now >= next) {
            next = now + 100000;
            proc_printf(self, "spin %d\n", n++);
        }
    }
    proc_puts(self, "spin: stopped\n");
    return 130;
}
