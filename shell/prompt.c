/* The interactive prompt: `<cwd> $: `, a line, run it, again. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "lib/err.h"
#include "shell/session.h"
#include "shell/builtin.h"
#include "shell/shell.h"
#include "shell/exec.h"
#include "term/lineedit.h"

/* `<cwd> $: ` in a block of its size; NULL when out of memory. */
static char *prompt_text(const proc_t *self)
{
    size_t size = strlen(self->cwd) + sizeof " $: ";
    char *prompt = malloc(size);
    if (prompt)
        snprintf(prompt, size, "%s $: ", self->cwd);
    return prompt;
}

/* A prompt whose line finds no memory waits this long before it asks again (memory a job
 * holds may come back), rather than ending the session's shell. */
#define NOMEM_PAUSE_MS 500

/* The line and the prompt are on the heap, not in this frame: every command runs below it,
 * so the kernel thread's stack would otherwise hold their 1.3 KB on top of its deepest
 * command. The line grows as it is typed and is freed once it ran: a prompt waiting holds a
 * few dozen bytes of it, not SHELL_LINE_MAX. */
int shell_prompt_loop(proc_t *self)
{
    struct shell *sh = shell_own(self);
    if (!sh->editor && !(sh->editor = lineedit_new()))
        return proc_error(self, "sh", "out of memory");
    sh->editor->commands = shell_each_name;
    while (!sh->leave) {
        char *prompt = prompt_text(self), *line = NULL;
        int r = lineedit_read_grown(sh->editor, self, prompt ? prompt : "$: ", &line,
                                    SHELL_LINE_MAX);
        free(prompt);
        if (r >= 0)
            shell_run_line(self, line);
        free(line);
        if (r == -1)
            break;                          /* end of input */
        if (r == ERR_NOMEM) {   /* as the line had been allocated once: the shell stays */
            sh->last_status = proc_error(self, "sh", "out of memory");
            if (proc_sleep_ms(NOMEM_PAUSE_MS) < 0)
                break;
            continue;
        }
        if (r == ERR_NAMETOOLONG)
            sh->last_status = shell_syntax_error(self, "line too long");
        else if (r < 0 && proc_should_stop())
            break;
    }
    lineedit_free(sh->editor);
    sh->editor = NULL;
    return sh->last_status;
}
