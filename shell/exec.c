/* Running one command of a line: words -> a job process -> built-in, script or program, with
 * redirection, pipes and background. */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hal/thread.h"
#include "kernel/command.h"
#include "kernel/env.h"
#include "kernel/module.h"
#include "kernel/pipe.h"
#include "kernel/stream_file.h"
#include "kernel/tty.h"
#include "lib/err.h"
#include "lib/str.h"
#include "shell/builtin.h"
#include "shell/exec.h"
#include "shell/python.h"
#include "shell/session.h"
#include "shell/shell.h"

#define CAPTURE_LIMIT 16384     /* bytes kept of a command's output for `cmd > var` */
#define STAGE_MAX 8

struct stage {
    int argc;
    char **argv;                /* what the command gets; it may reorder or drop entries */
    char **words;               /* the owned texts, taken from the line's words and freed with
                                 * the job: a background job outlives the line it came from;
                                 * the same allocation as argv */
};

struct job {
    struct stage stage[STAGE_MAX];
    int stages;
    char *target;               /* redirection target, NULL for none */
    int append;
    int background;
    char *cmdline;
    proc_t *proc;               /* the job's process */
};

static void free_job(struct job *j)
{
    for (int s = 0; s < j->stages; s++) {
        for (int i = 0; j->stage[s].words && j->stage[s].words[i]; i++)
            free(j->stage[s].words[i]);
        free(j->stage[s].argv);
    }
    free(j->target);
    free(j->cmdline);
    free(j);
}

static int is_operator(const struct lex_word *w, const char *op)
{
    return !w->quoted && strcmp(w->text, op) == 0;
}

/* A stage of words from..to-1, whose texts it takes (leaving NULL in w): no copy per word. */
static int add_stage(struct job *j, struct lex_words *w, int from, int to)
{
    if (from == to || j->stages == STAGE_MAX)
        return ERR_INVAL;
    struct stage *s = &j->stage[j->stages++];
    size_t slots = (size_t)(to - from + 1);
    if (!(s->argv = calloc(2 * slots, sizeof *s->argv)))
        return ERR_NOMEM;
    s->words = s->argv + slots;
    for (int i = from; i < to; i++) {
        s->words[s->argc] = s->argv[s->argc] = w->word[i].text;
        w->word[i].text = NULL;
        s->argc++;
    }
    return 0;
}

/* The word a builtin declares an operand, that is never a redirection (in `if A > B ACTION`
 * the comparison); -1 for none. */
static int operand_word(const struct lex_words *w, int end)
{
    const struct lex_word *first = &w->word[0];
    const struct shell_builtin *b = first->quoted ? NULL : shell_builtin_find(first->text);
    return b && b->operand_word && b->operand_word < end - 1 ? b->operand_word : -1;
}

/* Splits words into pipeline stages, a redirection and a trailing '&'; the stages take the
 * texts of their words. */
static int plan_job(struct lex_words *w, struct job *j, char *err, size_t err_size)
{
    int end = w->count, start = 0;
    if (end && is_operator(&w->word[end - 1], "&")) {
        j->background = 1;
        end--;
        /* "[pid]+ Done  cmd" names the command without its '&' */
        char *amp = strrchr(j->cmdline, '&');
        if (amp)
            str_trim_end((*amp = '\0', j->cmdline));
    }
    int operand = operand_word(w, end);
    for (int i = 0; i < end; i++) {
        if (i == operand)
            continue;
        if (is_operator(&w->word[i], ">") || is_operator(&w->word[i], ">>")) {
            if (i + 2 != end) {
                snprintf(err, err_size, "'%s' needs one target at the end", w->word[i].text);
                return ERR_INVAL;
            }
            j->append = w->word[i].text[1] == '>';
            j->target = str_dup(w->word[i + 1].text);
            end = i;
            break;
        }
    }
    for (int i = 0; i <= end; i++) {
        if (i < end && !is_operator(&w->word[i], "|"))
            continue;
        int r = add_stage(j, w, start, i);
        if (r < 0) {
            snprintf(err, err_size, r == ERR_NOMEM ? "out of memory"
                                    : j->stages == STAGE_MAX ? "too many pipes"
                                                              : "missing command near '|'");
            return r;
        }
        start = i + 1;
    }
    return 0;
}

/* ---- running ---- */

/* A module, a Python program or a script found by name. Its path is on the heap while it
 * runs: a script runs lines that run programs, each a level deeper on the same stack. */
static int run_program(proc_t *p, int argc, char **argv)
{
    char *path = malloc(VFS_PATH_MAX);
    int status;
    if (!path)
        status = proc_error(p, argv[0], "out of memory");
    else if (shell_find_program(argv[0], path, VFS_PATH_MAX) < 0) {
        proc_error(p, argv[0], "not found");
        status = 127;
    } else if (module_is_file(path))
        status = module_run(p, path, argc, argv);
    else if (shell_is_python(path))
        status = shell_run_python(p, path, argc, argv);
    else
        status = shell_run_script(p, path, argc, argv);
    free(path);
    return status;
}

int shell_run_argv(proc_t *p, int argc, char **argv)
{
    const struct shell_builtin *b = shell_builtin_find(argv[0]);
    if (b && argc == 2 && strcmp(argv[1], "--help") == 0)
        return shell_print_usage(argv[0], p->out);
    if (b)
        return b->run(p, argc, argv);
    const struct command *c = command_find(argv[0]);
    if (c)
        return command_run(c, p, argc, argv);
    return run_program(p, argc, argv);
}

/* The stack a thread of its own needs to run argv: the command's (the default for a builtin),
 * the module's, or a script's (what `sh` asks for). */
static size_t stack_for(char **argv)
{
    const struct command *c = command_find(argv[0]);
    char path[VFS_PATH_MAX];
    size_t stack = 0;
    if (c || shell_builtin_find(argv[0]))
        return command_stack(c);
    if (shell_find_program(argv[0], path, sizeof path) == 0)
        stack = module_is_file(path)    ? module_stack(path)
                : shell_is_python(path) ? shell_python_stack()
                                        : command_stack(command_find("sh"));
    return stack ? stack : command_stack(NULL);
}

struct stage_start {
    proc_t *proc;
    struct stage *stage;
};

static void stage_thread(void *arg)
{
    struct stage_start *s = arg;
    s->proc->thread_id = hal_thread_id();
    proc_set_current(s->proc);
    s->proc->exit_code = shell_run_argv(s->proc, s->stage->argc, s->stage->argv);
    proc_end(s->proc);
    free(s);
}

/* Runs the stages of a pipeline under job: all but the last in threads of their own, the last
 * in this thread; then waits for the others so the job ends when the pipeline does. */
static int run_pipeline(proc_t *job, struct job *j)
{
    int pids[STAGE_MAX], started = 0, status = 1;
    stream_t *next_in = stream_ref(job->in);
    for (int s = 0; s < j->stages; s++) {
        stream_t *read_end = NULL, *write_end = NULL;
        int last = s == j->stages - 1;
        if (!last && pipe_new(&read_end, &write_end) < 0) {
            proc_error(job, "sh", "out of memory for a pipe");
            break;
        }
        proc_t *p = proc_new(j->stage[s].argv[0], job);
        struct stage_start *start = last ? NULL : malloc(sizeof *start);
        if (!p || (!last && !start)) {
            free(start);
            proc_end(p);
            stream_unref(read_end);
            stream_unref(write_end);
            proc_error(job, "sh", "too many processes (limit %d)", PROC_MAX);
            break;
        }
        proc_set_streams(p, next_in, last ? stream_ref(job->out) : write_end, NULL);
        next_in = read_end;
        if (last) {
            proc_set_current(p);
            status = shell_run_argv(p, j->stage[s].argc, j->stage[s].argv);
            proc_set_current(job);
            proc_set_result(job, value_copy(&p->result));
            proc_end(p);
            break;
        }
        start->proc = p;
        start->stage = &j->stage[s];
        pids[started++] = p->pid;
        p->stack_size = stack_for(start->stage->argv);
        /* the thread records its own id: it may have ended, and freed p, before this returns */
        uintptr_t tid;
        if (hal_thread_start(stage_thread, start, p->stack_size, &tid) < 0) {
            started--;
            free(start);
            proc_end(p);
            proc_error(job, "sh", "cannot start a thread");
            break;
        }
    }
    stream_unref(next_in);     /* NULL once the last stage has it */
    for (int i = 0; i < started; i++)
        proc_wait_end(pids[i]);   /* when stopping, the stages stop with their parent */
    return status;
}

static int run_job_body(proc_t *job, struct job *j)
{
    if (j->stages == 1)
        return shell_run_argv(job, j->stage[0].argc, j->stage[0].argv);
    return run_pipeline(job, j);
}

static int target_is_file(const char *target)
{
    return strchr(target, '/') || strchr(target, '.');
}

/* A variable to redirect to: letters, digits and '_', a digit first too (upyOS takes any word
 * as a name, and its end.sh keeps a value in `0`); `${name}` reads it back. */
static int is_target_name(const char *name)
{
    if (!*name)
        return 0;
    for (; *name; name++)
        if (!isalnum((unsigned char)*name) && *name != '_')
            return 0;
    return 1;
}

/* Opens the job's output for `> target`; a variable target captures the output. */
static int open_target(proc_t *job, struct job *j)
{
    stream_t *out = NULL;
    if (!j->target)
        return 0;
    if (target_is_file(j->target)) {
        int r = stream_file_open(j->target, j->append, &out);
        if (r < 0)
            return proc_error(job, j->stage[0].argv[0], "%s: %s", j->target, err_str(r)) * r;
    } else if (!is_target_name(j->target)) {
        proc_error(job, "sh", "%s: not a valid variable name", j->target);
        return ERR_INVAL;
    } else if (!(out = stream_capture(CAPTURE_LIMIT))) {
        return ERR_NOMEM;
    }
    proc_set_streams(job, NULL, out, NULL);
    return 0;
}

/* `cmd > 0` .. `cmd > 9` set the positional parameter of the shell running the line, as in
 * upyOS, where $0..$9 are variables like any other (end.sh's `test -p uhttpd > 0`, then
 * `if $0 == True ...`). Any other name is a variable. */
static int positional_index(struct shell *sh, const char *name)
{
    return sh && name[0] >= '0' && name[0] <= '9' && !name[1] ? name[0] - '0' : -1;
}

static int set_positional(struct shell *sh, int i, const struct value *v)
{
    char number[64];
    const char *text = v->type == VAL_STR ? v->u.s : number;
    if (v->type != VAL_STR && value_format(v, number, sizeof number) < 0)
        return ERR_INVAL;
    char *copy = str_dup(text);
    if (!copy)
        return ERR_NOMEM;
    for (; sh->argc <= i; sh->argc++)     /* $3 set before $1..$2: those stay empty */
        if (!(sh->argv[sh->argc] = str_dup("")))
            return free(copy), ERR_NOMEM;
    free(sh->argv[i]);
    sh->argv[i] = copy;
    return 0;
}

/* The whole text form of a variable's value (nothing when it is unset), added to b. */
static void add_variable_text(proc_t *job, struct strbuf *b, const char *name)
{
    struct shell *sh = shell_of(job);
    int i = positional_index(sh, name);
    struct value v;
    char number[64];
    if (i >= 0) {
        if (i < sh->argc && sh->argv[i])
            strbuf_adds(b, sh->argv[i]);
        return;
    }
    if (env_get(name, &v) < 0)
        return;
    if (v.type == VAL_STR)
        strbuf_adds(b, v.u.s);
    else if (value_format(&v, number, sizeof number) >= 0)
        strbuf_adds(b, number);
    value_free(&v);
}

static int assign_target(proc_t *job, const char *name, const struct value *v)
{
    struct shell *sh = shell_of(job);
    int i = positional_index(sh, name);
    int r = i >= 0 ? set_positional(sh, i, v) : env_set(name, v);
    return r < 0 ? proc_error(job, "sh", "%s: %s", name, err_str(r)) : 0;
}

/* `cmd > var` and `cmd >> var`: the variable gets the command's value when it has one, else
 * all of the output (appended to all of its value) or, when some of it was lost, stays as it
 * was and the job fails. */
static int store_target(proc_t *job, struct job *j)
{
    if (!j->target || target_is_file(j->target))
        return 0;
    if (job->result.type != VAL_NONE && !j->append)
        return assign_target(job, j->target, &job->result);
    if (stream_capture_overflowed(job->out))
        return proc_error(job, "sh", "%s: output longer than %d bytes, not stored", j->target,
                          CAPTURE_LIMIT);
    size_t len;
    const char *text = stream_capture_text(job->out, &len);
    while (len && (text[len - 1] == '\n' || text[len - 1] == '\r'))
        len--;
    struct strbuf b;
    strbuf_init(&b);
    if (j->append)
        add_variable_text(job, &b, j->target);
    strbuf_add(&b, text, len);
    struct value v = value_str(b.data ? b.data : "");
    int failed = b.failed || v.type == VAL_NONE;
    strbuf_free(&b);
    int r = failed ? proc_error(job, "sh", "%s: %s", j->target, err_str(ERR_NOMEM))
                   : assign_target(job, j->target, &v);
    value_free(&v);
    return r;
}

/* Closes the job's `> file` and reports a close that failed: the file system may commit
 * what was written (and the file itself) only then. */
static int close_target(proc_t *job, struct job *j)
{
    if (!j->target || !target_is_file(j->target))
        return 0;
    int r = stream_file_close(job->out);
    return r < 0 ? proc_error(job, j->stage[0].argv[0], "%s: %s", j->target, err_str(r)) : 0;
}

static int run_job(proc_t *job, struct job *j)
{
    int status = open_target(job, j);
    if (status < 0)
        return 1;
    status = run_job_body(job, j);
    if (close_target(job, j) && status == 0)
        status = 1;
    if (store_target(job, j) && status == 0)
        status = 1;
    return status;
}

static void background_thread(void *arg)
{
    struct job *j = arg;
    proc_t *job = j->proc;
    job->thread_id = hal_thread_id();
    proc_set_current(job);
    job->exit_code = run_job(job, j);
    stream_printf(job->err, "[%d]+ Done  %s\n", job->pid, j->cmdline);
    proc_end(job);
    free_job(j);
}

static int start_background(proc_t *self, struct job *j)
{
    proc_t *job = j->proc;     /* proc_new_background: on its own, Ctrl-C does not reach it */
    /* the terminal's input belongs to the prompt: a background job reads an empty input */
    proc_set_streams(job, stream_null(), NULL, NULL);
    job->stack_size = stack_for(j->stage[j->stages - 1].argv);
    stream_printf(self->err, "[%d]\n", job->pid);
    struct shell *sh = shell_of(self);
    if (sh)
        sh->last_background_pid = job->pid;
    uintptr_t tid;          /* the job records its own: it may be over before this returns */
    if (hal_thread_start(background_thread, j, job->stack_size, &tid) < 0) {
        proc_error(self, "sh", "cannot start a background thread");
        proc_end(job);
        free_job(j);
        return 1;
    }
    return 0;
}

/* Only the prompt's shell hands the terminal to a foreground job: inside a script the job
 * already runs under a process that has it, and Ctrl-C stops the whole script. */
static int owns_terminal(proc_t *self)
{
    struct shell *sh = shell_own(self);
    return self->tty && sh && sh->editor;
}

static int run_foreground(proc_t *self, struct job *j)
{
    proc_t *job = j->proc;
    int give_tty = owns_terminal(self);
    if (give_tty)
        tty_set_foreground(self->tty, job->pid);
    proc_set_current(job);
    int status = run_job(job, j);
    proc_set_current(self);
    if (give_tty)
        tty_set_foreground(self->tty, 0);
    proc_end(job);
    free_job(j);
    return status;
}

int shell_run_words(proc_t *self, struct lex_words *w, const char *cmdline)
{
    char err[96];
    if (w->count == 0)
        return 0;
    struct job *j = calloc(1, sizeof *j);
    if (!j || !(j->cmdline = str_dup(cmdline))) {
        free(j);
        return proc_error(self, "sh", "out of memory");
    }
    if (plan_job(w, j, err, sizeof err) < 0) {
        free_job(j);
        return shell_syntax_error(self, err);
    }
    j->proc = j->background ? proc_new_background(cmdline, self) : proc_new(cmdline, self);
    if (!j->proc) {
        free_job(j);
        return proc_error(self, "sh", "too many processes (limit %d)", PROC_MAX);
    }
    return j->background ? start_background(self, j) : run_foreground(self, j);
}
