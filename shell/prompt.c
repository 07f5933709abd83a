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

/* The line and the prompt are on the heap, not in this frame: every command runs below it,
 * so the kernel thread's stack would otherwise hold their 1.3 KB on top of its deepest
 * command. */
int shell_prompt_loop(proc_t *self)
{
    struct shell *sh = shell_own(self);
    char *line = malloc(SHELL_LINE_MAX);
    if (!line || (!sh->editor && !(sh->editor = lineedit_new()))) {
        free(line);
        return proc_error(self, "sh", "out of memory");
    }
    sh->editor->commands = shell_each_name;
    while (!sh->leave) {
        char *prompt = prompt_text(self);
        int r = lineedit_read(sh->editor, self, prompt ? prompt : "$: ", line, SHELL_LINE_MAX);
        free(prompt);
        if (r == -1)
            break;                          /* end of input */
        if (r == ERR_NAMETOOLONG) {
            sh->last_status = shell_syntax_error(self, "line too long");
            continue;
        }
        if (r < 0) {
            if (proc_should_stop())
                break;
            continue;
        }
        shell_run_line(self, line);
    }
    lineedit_free(sh->editor);
    sh->editor = NULL;
    free(line);
    return sh->last_status;
}
