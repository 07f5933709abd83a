#include <stdio.h>
#include <string.h>

#include "kernel/command.h"
#include "kernel/shutdown.h"
#include "kernel/sysdata.h"
#include "kernel/tty.h"
#include "shell/shell.h"
#include "term/lineedit.h"

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

/* At the prompt and in scripts alike, as in upyOS: exit leaves the session the command runs
 * in. On the console that shuts the system down, after the user confirms (-y: without
 * asking); in a telnet or web session it ends that session. A script that runs on its own (in
 * the background) has no session: exit ends it, as return does. */
COMMAND(exit, "exit [-r] [-y]",
        "leave upyOS-C (-r: reboot), running /etc/end.sh; -y: without asking. In a script too",
        "ry", 0, 0)
{
    struct shell *session = shell_session(p);
    if (!session || session->script) {
        shell_end_scripts(p);
        return 0;
    }
    if (!session->console) {        /* a remote session: leave it only */
        shell_end_scripts(p);
        session->leave = 1;
        return 0;
    }
    if (!(ctx->flags & FLAG('y')) && !confirmed(p))
        return 1;
    shell_end_scripts(p);
    shutdown_request((ctx->flags & FLAG('r')) != 0);
    return 0;
}
