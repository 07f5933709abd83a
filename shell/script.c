#include "shell/script.h"

#include <stdlib.h>
#include <string.h>

#include "fs/vfs.h"
#include "lib/err.h"
#include "lib/str.h"
#include "shell/session.h"
#include "shell/shell.h"

int script_load_lines(struct script *s)
{
    int cap = 16;
    s->lines = malloc(sizeof *s->lines * (size_t)cap);
    if (!s->lines)
        return ERR_NOMEM;
    char *p = s->text;
    while (*p) {
        if (s->count == cap) {
            char **grown = realloc(s->lines, sizeof *s->lines * (size_t)(cap *= 2));
            if (!grown)
                return ERR_NOMEM;
            s->lines = grown;
        }
        s->lines[s->count++] = p;
        char *nl = strchr(p, '\n');
        if (!nl)
            break;
        *nl = '\0';
        if (nl > p && nl[-1] == '\r')
            nl[-1] = '\0';
        p = nl + 1;
    }
    return 0;
}

int script_goto(struct script *s, const char *label)
{
    if (*label == ':')
        label++;
    for (int i = 0; i < s->count; i++) {
        const char *l = s->lines[i];
        while (*l == ' ' || *l == '\t')
            l++;
        if (l[0] != ':' || strncmp(l + 1, label, strlen(label)) != 0)
            continue;
        const char *rest = l + 1 + strlen(label);
        if (*rest == '\0' || *rest == ' ' || *rest == '\t') {
            s->next = i + 1;
            return 0;
        }
    }
    return ERR_NOENT;
}

void script_skip(struct script *s, int n)
{
    if (n > 0)
        s->next = s->next + n > s->count ? s->count : s->next + n;
}

void script_unload(struct script *s)
{
    free(s->lines);
    free(s->text);
    s->lines = NULL;
    s->text = NULL;
    s->count = 0;
}

static int is_label(const char *line)
{
    while (*line == ' ' || *line == '\t')
        line++;
    return *line == ':';
}

static int run_lines(proc_t *self, struct shell *sh)
{
    struct script *s = sh->script;
    while (s->next < s->count && !s->done && !sh->leave) {
        if (proc_should_stop())
            break;
        int i = s->next++;
        s->line_no = i + 1;
        if (is_label(s->lines[i]))
            continue;
        shell_run_line(self, s->lines[i]);
    }
    return sh->last_status;
}

int shell_run_script(proc_t *self, const char *path, int argc, char **argv)
{
    struct script s = { path, NULL, NULL, 0, 0, 0, 0 };
    size_t len;
    int r = file_read_all(path, &s.text, &len);
    if (r < 0)
        return proc_error(self, "sh", "%s: %s", path, err_str(r));
    if (memchr(s.text, '\0', len)) {
        free(s.text);
        return proc_error(self, "sh", "%s: not a script", path);
    }
    struct shell *sh = script_load_lines(&s) < 0 ? NULL : shell_attach(self, argc, argv);
    if (!sh) {
        script_unload(&s);
        return proc_error(self, "sh", "out of memory");
    }
    if (sh->argc) {                      /* $0 is the script's path */
        free(sh->argv[0]);
        sh->argv[0] = str_dup(path);
    }
    sh->script = &s;
    int status = run_lines(self, sh);
    shell_detach(self);
    script_unload(&s);
    return status;
}
