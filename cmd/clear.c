#include "kernel/command.h"

COMMAND(clear, "clear", "clear the terminal screen")
{
    proc_puts(p, "\033[2J\033[H");
    return 0;
}
