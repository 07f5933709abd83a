#include "kernel/command.h"

COMMAND(clear, "clear", "clear the terminal screen", RAW_ARGS, 0, MANY)
{
    proc_puts(p, "\033[2J\033[H");
    return 0;
}
