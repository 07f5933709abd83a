#include "kernel/command.h"

COMMAND(echo, "echo [WORD...]", "print the words, joined by one space")
{
    for (int i = 1; i < argc; i++)
        proc_printf(p, "%s%s", argv[i], i + 1 < argc ? " " : "");
    proc_puts(p, "\n");
    return 0;
}
