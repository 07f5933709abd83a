/* reader: copies its input to its output until the end, then says how much it read. Blocks in
 * stream_read and never checks its status. */
#include "upyos.h"

int main(int argc, char **argv)
{
    proc_t *self = proc_current();
    char buf[64];
    int total = 0, n;
    while ((n = stream_read(proc_in(self), buf, sizeof buf)) > 0) {
        stream_write(proc_out(self), buf, (size_t)n);
        total += n;
    }
    proc_printf(self, "reader: %d bytes%s\n", total, n < 0 ? ", stopped" : "");
    return n < 0 ? 130 : 0;
}
