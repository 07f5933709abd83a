/* The interactive prompt: `<cwd> $: `, a line, run it, again. */
#include <stdio.h>

#include "lib/err.h"
#include "shell/session.h"
#include "shell/builtin.h"
#include "shell/shell.h"
#include "shell/exec.h"
#include "term/lineedit.h"

int shell_prompt_loop(proc_t *self)
{
    struct shell *sh = shell_own(self);
    char line[SHELL_LINE_MAX], prompt[VFS_PATH_MAX + 8];
    if (!sh->editor && !(sh->editor = lineedit_new()))
        return proc_error(self, "sh", "out of memory");
    sh->editor->commands = shell_each_name;
    while (!sh->leave) {
        snprintf(prompt, sizeof prompt, "%s $: ", self->cwd);
        int r = lineedit_read(sh->editor, self, prompt, line, sizeof line);
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
    return sh->last_status;
}
