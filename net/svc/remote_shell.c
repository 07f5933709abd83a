#include "net/svc/remote_shell.h"

#include <string.h>

#include "hal/thread.h"
#include "hal/time.h"
#include "kernel/config.h"
#include "kernel/sysdata.h"
#include "lib/err.h"
#include "net/login.h"
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
    if (rs->ask_login && login_required()) {
        if (!ask_login(self, rs))
            rs->refused = 1;
    } else if (rs->ask_login) {
        proc_puts(self, "No password is set: anyone can log in (setauth USER PASS PASS).\n");
    }
    if (!rs->refused && !proc_should_stop()) {
        rs->logged_in = 1;
        proc_printf(self, "Welcome to %s. `exit` ends this session.\n", sysdata.name);
        shell_prompt_loop(self);
    }
    shell_free(self->shell);
    self->shell = NULL;
    tty_hangup(rs->tty);        /* input that still comes has no reader: the driver drops it */
    proc_end(self);
    rs->ended = 1;
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

int remote_shell_start(struct remote_shell *rs, proc_t *session, const char *name)
{
    char *argv[] = { "sh" };
    proc_t *sh = proc_new(name, session);
    if (!sh)
        return ERR_NOMEM;
    sh->tty = rs->tty;
    sh->background = 1;
    proc_set_streams(sh, tty_stream(rs->tty), tty_stream(rs->tty), tty_stream(rs->tty));
    if (!sh->in || !sh->out || !sh->err || !(sh->shell = shell_new(1, argv))) {
        proc_end(sh);
        return ERR_NOMEM;
    }
    rs->pid = sh->pid;
    rs->ended = 0;
    rs->refused = 0;
    rs->logged_in = 0;
    long grace_ms = config_login_grace_ms();
    rs->login_deadline_us = grace_ms ? hal_time_us() + (uint64_t)grace_ms * 1000 : 0;
    if (hal_thread_start(thread_entry, rs, 0, NULL) < 0) {
        shell_free(sh->shell);
        proc_end(sh);
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

void remote_shell_stop(struct remote_shell *rs)
{
    static const char timed_out[] = "\nLogin timed out.\n";
    if (!rs->ended && login_expired(rs))
        tty_write(rs->tty, timed_out, sizeof timed_out - 1);
    tty_end_input(rs->tty);
    if (!rs->ended)
        proc_kill(rs->pid);
    while (!rs->ended)
        hal_sleep_us(5000);
}
