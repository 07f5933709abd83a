/* run_test [ARG...]: prints its arguments, then counts to 50. */
#include "upyos.h"

int main(int argc, char **argv)
{
    proc_t *self = proc_current();
    proc_printf(self, "run_test: %d argument%s\n", argc - 1, argc == 2 ? "" : "s");
    for (int i = 0; i < argc; i++)
        proc_printf(self, "argv[%d] = %s\n", i, argv[i]);
    for (int n = 1; n <= 50; n++) {
        if (proc_should_stop())
            return 130;
        proc_printf(self, "%d%s", n, n % 10 ? " " : "\n");
    }
    return 0;
}
