#include <stdio.h>
#include <string.h>

#include "kernel/command.h"
#include "kernel/shutdown.h"
#include "kernel/sysdata.h"
#include "kernel/tty.h"
#include "shell/lineedit.h"
#include "shell/shell.h"

/* On a terminal the user confirms; from a script or a pipe the word is enough. */
static int confirmed(proc_t *p)
{
    char answer[8], prompt[64];
    if (!p->in || !p->in->tty || !p->in->tty->terminal)
        return 1;
    snprintf(prompt, sizeof prompt, "Exit %s (y/N)? ", sysdata.name);
    if (lineedit_ask(p, prompt, answer, sizeof answer) < 0)
        return 0;
    return answer[0] == 'y' || answer[0] == 'Y';
}

COMMAND(exit, "exit [-r]", "leave upyOS-C (-r: reboot), running /etc/end.sh")
{
    int n;
    long long flags = command_flags(p, argc, argv, "r", &n);
    if (flags < 0)
        return 2;
    if (n > 0)
        return proc_error(p, "exit", "too many arguments");
    struct shell *sh = shell_of(p);
    if (sh && !sh->console) {       /* a remote session: leave it only */
        sh->leave = 1;
        return 0;
    }
    if (!confirmed(p))
        return 1;
    shutdown_request((flags & FLAG('r')) != 0);
    return 0;
}
