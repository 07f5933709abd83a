#include "net/svc/remote_shell.h"

#include <string.h>

#include "hal/thread.h"
#include "hal/time.h"
#include "kernel/config.h"
#include "kernel/sysdata.h"
#include "lib/err.h"
#include "net/login.h"
#include "shell/session.h"
#include "shell/shell.h"
#include "term/lineedit.h"

/* Asks for user and password until right, at most LOGIN_TRIES times. 1: logged in. */
static int ask_login(proc_t *self, struct remote_shell *rs)
{
    char user[64], pass[64];
    struct lineedit *le = lineedit_new();
    int ok = 0;
    for (int attempt = 0; le && attempt < LOGIN_TRIES && !ok; attempt++) {
        if (lineedit_ask(self, "Login: ", user, sizeof user) < 0 ||
            lineedit_read_hidden(le, self, "Password: ", pass, sizeof pass) < 0)
            break;
        ok = login_attempt(rs->peer, user, pass);
        if (ok < 0)
            break;
        if (!ok)
            proc_puts(self, "Login incorrect\n");
    }
    memset(pass, 0, sizeof pass);
    lineedit_free(le);
    return ok > 0;
}

static void shell_thread(void *arg)
{
    struct remote_shell *rs = arg;
    proc_t *self = proc_current();
    int refused = 0;
    if (rs->ask_login && login_required()) {
        refused = !ask_login(self, rs);
    } else if (rs->ask_login) {
        proc_puts(self, "No password is set: anyone can log in (setauth USER PASS PASS).\n");
    }
    if (!refused && !proc_should_stop()) {
        rs->logged_in = 1;
        proc_printf(self, "Welcome to %s. `exit` ends this session.\n", sysdata.name);
        shell_prompt_loop(self);
    }
    tty_hangup(rs->tty);        /* input that still comes has no reader: the driver drops it */
    rs->ended = 1;              /* the last look at rs: remote_shell_end may free it now */
    shell_end(self);
}

static void thread_entry(void *arg)
{
    struct remote_shell *rs = arg;
    proc_t *self;
    proc_lock();
    self = proc_find(rs->pid);
    self->thread_id = hal_thread_id();   /* here: the process may end before the starter looks */
    proc_unlock();
    proc_set_current(self);
    shell_thread(rs);
}

/* The shell's process, on the terminal, with a thread of its own. */
static int start_shell(struct remote_shell *rs, proc_t *session, const char *name)
{
    proc_t *sh = shell_start(name, session, rs->tty, NULL, NULL, NULL);
    if (!sh)
        return ERR_NOMEM;
    sh->background = 1;
    rs->pid = sh->pid;
    rs->ended = 0;
    rs->logged_in = 0;
    long grace_ms = config_login_grace_ms();
    rs->login_deadline_us = grace_ms ? hal_time_us() + (uint64_t)grace_ms * 1000 : 0;
    if (hal_thread_start(thread_entry, rs, 0, NULL) < 0) {
        shell_end(sh);
        return ERR_NOMEM;
    }
    return 0;
}

static void release(struct remote_shell *rs)
{
    tty_close(rs->tty);         /* from here on the driver's output is never called */
    if (rs->send_lock)
        hal_mutex_free(rs->send_lock);
    rs->tty = NULL;
    rs->send_lock = NULL;
}

int remote_shell_start(struct remote_shell *rs, proc_t *session, const char *name,
                       void (*output)(void *ctx, const char *buf, size_t len), void *ctx)
{
    rs->send_lock = hal_mutex_new();
    rs->tty = tty_new(1, output, ctx);
    if (!rs->send_lock || !rs->tty || start_shell(rs, session, name) < 0) {
        release(rs);
        return ERR_NOMEM;
    }
    return 0;
}

static int login_expired(const struct remote_shell *rs)
{
    return !rs->logged_in && rs->login_deadline_us && hal_time_us() >= rs->login_deadline_us;
}

int remote_shell_over(const struct remote_shell *rs)
{
    return rs->ended || login_expired(rs);
}

void remote_shell_end(struct remote_shell *rs)
{
    static const char timed_out[] = "\nLogin timed out.\n";
    if (!rs->ended && login_expired(rs))
        tty_write(rs->tty, timed_out, sizeof timed_out - 1);
    tty_end_input(rs->tty);
    if (!rs->ended)
        proc_kill(rs->pid);
    proc_wait_end(rs->pid);     /* the kernel signals each process's end */
    release(rs);
}
