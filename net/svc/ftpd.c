/* uftpd: an FTP server (RFC 959 with RFC 2428 EPSV/EPRT and RFC 3659 MLSD/MLST/SIZE/MDTM/REST)
 * over the VFS. Every path goes through the VFS, which cleans it against the session's cwd
 * and never climbs above "/". The commands are a table: verb, whether it needs a login and
 * an argument, and its handler. SITE runs nothing. */
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hal/time.h"
#include "kernel/config.h"
#include "kernel/sysdata.h"
#include "lib/err.h"
#include "lib/str.h"
#include "net/linereader.h"
#include "net/login.h"
#include "net/svc/ftp_proto.h"
#include "net/svc/services.h"

#define FTP_PORT 21
#define FTP_SESSIONS 4
#define IDLE_TIMEOUT_MS (5 * 60 * 1000)
#define DATA_TIMEOUT_MS 15000
/* Bytes per read and write of a transfer, allocated when it starts (the port's choice: the
 * build's UPYOS_TRANSFER_CHUNK). */
#ifdef UPYOS_TRANSFER_CHUNK
#define TRANSFER_CHUNK UPYOS_TRANSFER_CHUNK
#else
#define TRANSFER_CHUNK 8192
#endif
#define PASSIVE_STRANGERS_MAX 8   /* foreign connections refused before a passive wait ends */

struct ftp {
    proc_t *self;
    const struct session_info *who;
    sock_t *ctrl;
    struct linereader in;
    uint32_t peer;
    int logged_in, quit, failures;
    char user[64];
    sock_t *passive;            /* listening for the next data connection */
    uint32_t active_addr;       /* PORT/EPRT target when no passive socket */
    uint16_t active_port;
    long restart_at;            /* REST */
    char rename_from[VFS_PATH_MAX];
    char line[VFS_PATH_MAX + 16];
};

struct ftp_command {
    const char *verb;
    unsigned needs_login : 1, needs_arg : 1;
    void (*run)(struct ftp *f, const char *arg);
};

static void reply(struct ftp *f, const char *fmt, ...)
{
    char text[VFS_PATH_MAX + 96];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(text, sizeof text - 2, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if ((size_t)n > sizeof text - 3)
        n = (int)sizeof text - 3;
    memcpy(text + n, "\r\n", 3);
    sock_send(f->ctrl, text, (size_t)n + 2);
}

static void reply_error(struct ftp *f, int err)
{
    int code = err == ERR_NOENT || err == ERR_NOTDIR || err == ERR_ISDIR ||
               err == ERR_PERM || err == ERR_PROTECTED || err == ERR_EXIST ||
               err == ERR_NOTEMPTY ? 550 :
               err == ERR_NOSPC ? 452 : err == ERR_BADNAME ? 553 : 451;
    reply(f, "%d %s.", code, err_str(err));
}

/* A path for replies: absolute, with double quotes doubled (RFC 959 257). */
static void quoted_path(const char *path, char *out, size_t size)
{
    size_t n = 0;
    for (; *path && n + 3 < size; path++) {
        out[n++] = *path;
        if (*path == '"')
            out[n++] = '"';
    }
    out[n] = '\0';
}

/* ---- data connections ---- */

static void close_passive(struct ftp *f)
{
    sock_close(f->passive);
    f->passive = NULL;
}

/* The passive data connection, from the control connection's peer only (as vsftpd's
 * pasv_promiscuous=NO): another address that connects first would be given this session's
 * data. Such a connection is closed and the wait goes on, within DATA_TIMEOUT_MS overall
 * and at most PASSIVE_STRANGERS_MAX of them. */
static int accept_from_peer(struct ftp *f, sock_t **data)
{
    uint64_t deadline = hal_time_us() + DATA_TIMEOUT_MS * 1000ULL;
    for (int strangers = 0; strangers <= PASSIVE_STRANGERS_MAX; strangers++) {
        uint64_t now = hal_time_us();
        if (now >= deadline)
            return ERR_TIMEOUT;
        uint32_t from;
        int r = sock_accept(f->passive, data, &from, NULL, (int)((deadline - now) / 1000) + 1);
        if (r < 0 || from == f->peer)
            return r;
        sock_close(*data);
    }
    return ERR_ACCES;
}

static int open_data(struct ftp *f, sock_t **data)
{
    int r;
    if (f->passive) {
        r = accept_from_peer(f, data);
        close_passive(f);
    } else if (f->active_port) {
        r = sock_dial(f->active_addr, f->active_port, DATA_TIMEOUT_MS, data);
        f->active_port = 0;
    } else {
        reply(f, "425 Use PORT, EPRT, PASV or EPSV first.");
        return ERR_INVAL;
    }
    if (r < 0)
        reply(f, "425 Cannot open data connection: %s.", err_str(r));
    return r;
}

/* A refusal before any data connection: the passive listener waiting for it goes too. */
static void refuse_transfer(struct ftp *f, int err)
{
    close_passive(f);
    reply_error(f, err);
}

/* Moves data over an open data connection; 0 or an ERR_*. */
typedef int (*data_work_fn)(struct ftp *f, sock_t *data, void *arg);

/* One use of a data connection: opens it, says 150, lets work move the data, closes it and
 * says 226 or 426 (what: "Listing", "Transfer"). open_data answers when it cannot open. */
static void with_data_connection(struct ftp *f, const char *what, data_work_fn work, void *arg)
{
    sock_t *data;
    if (open_data(f, &data) < 0)
        return;
    reply(f, "150 %s starts.", what);
    int r = work(f, data, arg);
    sock_close(data);
    if (r < 0)
        reply(f, "426 %s failed: %s.", what, err_str(r));
    else
        reply(f, "226 %s complete.", what);
}

static int start_passive(struct ftp *f, uint32_t *addr, uint16_t *port)
{
    close_passive(f);
    f->active_port = 0;
    uint32_t local;
    int r = sock_local(f->ctrl, &local, NULL);
    if (r == 0)
        r = sock_listen(local, 0, 1, &f->passive);
    if (r == 0)
        r = sock_local(f->passive, addr, port);
    if (r < 0) {
        close_passive(f);
        reply(f, "425 Cannot open passive connection: %s.", err_str(r));
    }
    return r;
}

static void cmd_pasv(struct ftp *f, const char *arg)
{
    uint32_t a;
    uint16_t port;
    if (start_passive(f, &a, &port) == 0)
        reply(f, "227 Entering Passive Mode (%u,%u,%u,%u,%u,%u).", (unsigned)(a >> 24),
              (unsigned)(a >> 16 & 255), (unsigned)(a >> 8 & 255), (unsigned)(a & 255),
              (unsigned)(port >> 8), (unsigned)(port & 255));
}

static void cmd_epsv(struct ftp *f, const char *arg)
{
    uint32_t a;
    uint16_t port;
    if (arg[0] && str_casecmp(arg, "ALL") && strcmp(arg, "1")) {
        reply(f, "522 Only IPv4 (1) is supported.");
        return;
    }
    if (start_passive(f, &a, &port) == 0)
        reply(f, "229 Entering Extended Passive Mode (|||%u|).", (unsigned)port);
}

/* Active mode connects only back to the client itself: no FTP bounce through us. */
static void set_active(struct ftp *f, int parsed, uint32_t addr, uint16_t port)
{
    if (parsed < 0) {
        reply(f, "501 Bad address.");
        return;
    }
    if (addr != f->peer) {
        reply(f, "504 Data connections go to the client's own address only.");
        return;
    }
    close_passive(f);
    f->active_addr = addr;
    f->active_port = port;
    reply(f, "200 Active mode set.");
}

static void cmd_port(struct ftp *f, const char *arg)
{
    uint32_t addr = 0;
    uint16_t port = 0;
    int parsed = ftp_parse_port(arg, &addr, &port);
    set_active(f, parsed, addr, port);
}

static void cmd_eprt(struct ftp *f, const char *arg)
{
    uint32_t addr = 0;
    uint16_t port = 0;
    int parsed = ftp_parse_eprt(arg, &addr, &port);
    set_active(f, parsed, addr, port);
}

/* ---- login ---- */

/* Logged in: from now on the session is no longer idle (a new client may not evict it), and
 * that is so before the 230 reply lets the client go on and, say, connect again. */
static void log_in(struct ftp *f, const char *text)
{
    f->logged_in = 1;
    session_idle(f->who, 0);
    reply(f, "%s", text);
}

static void cmd_user(struct ftp *f, const char *arg)
{
    str_copy(f->user, arg, sizeof f->user);
    if (!login_required()) {
        log_in(f, "230 No password is set: logged in.");
        return;
    }
    f->logged_in = 0;
    reply(f, "331 Password required for %s.", f->user);
}

static void cmd_pass(struct ftp *f, const char *arg)
{
    if (!login_required()) {
        log_in(f, "230 Logged in.");
        return;
    }
    if (!f->user[0]) {
        reply(f, "503 Send USER first.");
        return;
    }
    int ok = login_attempt(f->peer, f->user, arg);
    if (ok < 0) {
        f->quit = 1;
        return;
    }
    if (ok) {
        log_in(f, "230 Logged in.");
        return;
    }
    if (++f->failures >= LOGIN_TRIES) {
        reply(f, "421 Too many failed logins, closing.");
        f->quit = 1;
    } else {
        reply(f, "530 Login incorrect.");
    }
}

/* ---- simple commands ---- */

static void cmd_syst(struct ftp *f, const char *arg)
{
    reply(f, "215 UNIX Type: L8");
}

static void cmd_noop(struct ftp *f, const char *arg)
{
    reply(f, "200 OK.");
}

static void cmd_type(struct ftp *f, const char *arg)
{
    char t = (char)(arg[0] & ~0x20);
    if (t == 'A' || t == 'I' || t == 'L')
        reply(f, "200 Type set to %c.", t);   /* files go as they are: ASCII is binary */
    else
        reply(f, "504 Type not supported.");
}

static void cmd_mode(struct ftp *f, const char *arg)
{
    reply(f, (arg[0] & ~0x20) == 'S' ? "200 Mode S." : "504 Only stream mode.");
}

static void cmd_stru(struct ftp *f, const char *arg)
{
    reply(f, (arg[0] & ~0x20) == 'F' ? "200 Structure F." : "504 Only file structure.");
}

static void cmd_quit(struct ftp *f, const char *arg)
{
    reply(f, "221 Bye.");
    f->quit = 1;
}

static void cmd_feat(struct ftp *f, const char *arg)
{
    sock_send_text(f->ctrl, "211-Features:\r\n EPSV\r\n EPRT\r\n PASV\r\n SIZE\r\n MDTM\r\n"
                            " REST STREAM\r\n MLST type*;size*;modify*;\r\n UTF8\r\n"
                            " TVFS\r\n211 End\r\n");
}

static void cmd_opts(struct ftp *f, const char *arg)
{
    if (str_starts(arg, "UTF8") || str_starts(arg, "utf8"))
        reply(f, "200 UTF8 is always on.");
    else if (str_starts(arg, "MLST") || str_starts(arg, "mlst"))
        reply(f, "200 MLST OPTS type;size;modify;");
    else
        reply(f, "501 Option not understood.");
}

static void cmd_site(struct ftp *f, const char *arg)
{
    reply(f, "504 SITE commands are not supported.");
}

static void cmd_allo(struct ftp *f, const char *arg)
{
    reply(f, "202 No storage allocation needed.");
}

static void cmd_abor(struct ftp *f, const char *arg)
{
    close_passive(f);
    reply(f, "226 No transfer to abort.");
}

static void cmd_help(struct ftp *f, const char *arg)
{
    reply(f, "214 See RFC 959; FEAT lists the extensions.");
}

static void cmd_stat(struct ftp *f, const char *arg)
{
    reply(f, "211 %s FTP server, %s.", sysdata.name, f->logged_in ? "logged in" : "not logged in");
}

/* ---- directories ---- */

static void cmd_pwd(struct ftp *f, const char *arg)
{
    char q[VFS_PATH_MAX * 2];
    quoted_path(f->self->cwd, q, sizeof q);
    reply(f, "257 \"%s\" is the current directory.", q);
}

static void cmd_cwd(struct ftp *f, const char *arg)
{
    char path[VFS_PATH_MAX];
    int r = vfs_resolve(f->self->cwd, arg, path, sizeof path);
    if (r == 0 && !file_is_dir(path))
        r = ERR_NOTDIR;
    if (r < 0) {
        reply_error(f, r);
        return;
    }
    str_copy(f->self->cwd, path, sizeof f->self->cwd);
    reply(f, "250 Directory changed to %s.", path);
}

static void cmd_cdup(struct ftp *f, const char *arg)
{
    cmd_cwd(f, "..");
}

static void cmd_mkd(struct ftp *f, const char *arg)
{
    char path[VFS_PATH_MAX], q[VFS_PATH_MAX * 2];
    int r = vfs_resolve(f->self->cwd, arg, path, sizeof path);
    if (r == 0)
        r = file_mkdir(path);
    if (r < 0) {
        reply_error(f, r);
        return;
    }
    quoted_path(path, q, sizeof q);
    reply(f, "257 \"%s\" created.", q);
}

static void cmd_rmd(struct ftp *f, const char *arg)
{
    int r = file_rmdir(arg);
    if (r < 0)
        reply_error(f, r);
    else
        reply(f, "250 Directory removed.");
}

static void cmd_dele(struct ftp *f, const char *arg)
{
    int r = file_unlink(arg);
    if (r < 0)
        reply_error(f, r);
    else
        reply(f, "250 File deleted.");
}

static void cmd_rnfr(struct ftp *f, const char *arg)
{
    int r = vfs_resolve(f->self->cwd, arg, f->rename_from, sizeof f->rename_from);
    if (r == 0 && !file_exists(f->rename_from))
        r = ERR_NOENT;
    if (r < 0) {
        f->rename_from[0] = '\0';
        reply_error(f, r);
        return;
    }
    reply(f, "350 Ready for RNTO.");
}

static void cmd_rnto(struct ftp *f, const char *arg)
{
    if (!f->rename_from[0]) {
        reply(f, "503 Send RNFR first.");
        return;
    }
    int r = file_rename(f->rename_from, arg);
    f->rename_from[0] = '\0';
    if (r < 0)
        reply_error(f, r);
    else
        reply(f, "250 Renamed.");
}

static void cmd_size(struct ftp *f, const char *arg)
{
    struct vfs_stat st;
    int r = file_stat(arg, &st);
    if (r == 0 && st.type == VFS_DIR)
        r = ERR_ISDIR;
    if (r < 0)
        reply_error(f, r);
    else
        reply(f, "213 %lu", (unsigned long)st.size);
}

static void cmd_mdtm(struct ftp *f, const char *arg)
{
    struct vfs_stat st;
    char when[16];
    int r = file_stat(arg, &st);
    if (r < 0) {
        reply_error(f, r);
        return;
    }
    ftp_time(st.mtime, when, sizeof when);
    reply(f, "213 %s", when);
}

/* An offset a file can have: digits only, at most what a position (long) and a file's size
 * (uint32_t) hold; checked against the file when the transfer starts. */
static void cmd_rest(struct ftp *f, const char *arg)
{
    const unsigned long long max = LONG_MAX < UINT32_MAX ? (unsigned long long)LONG_MAX : UINT32_MAX;
    unsigned long long at = 0;
    const char *p = arg;
    for (; *p >= '0' && *p <= '9' && at <= max; p++)
        at = at * 10 + (unsigned)(*p - '0');
    if (*p || p == arg || at > max) {
        reply(f, "501 Bad offset.");
        return;
    }
    f->restart_at = (long)at;
    reply(f, "350 Restarting at %ld.", f->restart_at);
}

/* ---- listings ---- */

enum listing { LIST_LONG, LIST_NAMES, LIST_FACTS };

/* Skips ls-style options that clients send ("LIST -la"). */
static const char *list_target(const char *arg)
{
    while (arg[0] == '-') {
        while (*arg && *arg != ' ')
            arg++;
        while (*arg == ' ')
            arg++;
    }
    return arg[0] ? arg : ".";
}

static int send_entry(struct ftp *f, sock_t *data, enum listing how, const char *name,
                      const struct vfs_stat *st, int64_t now)
{
    char line[VFS_PATH_MAX + 96];
    int n = how == LIST_NAMES ? snprintf(line, sizeof line, "%s\r\n", name) :
            how == LIST_FACTS ? ftp_facts_line(line, sizeof line, name, st) :
            ftp_list_line(line, sizeof line, name, st, now);
    if (n >= (int)sizeof line)
        n = (int)sizeof line - 1;
    return sock_send(data, line, (size_t)n);
}

struct listing_job {
    enum listing how;
    const char *path;
};

static int send_listing(struct ftp *f, sock_t *data, void *arg)
{
    const struct listing_job *job = arg;
    int64_t now = hal_rtc_get();
    struct vfs_stat st;
    if (file_stat(job->path, &st) < 0)
        return 0;
    if (st.type != VFS_DIR)
        return send_entry(f, data, job->how, job->path + 1, &st, now) < 0 ? ERR_CLOSED : 0;
    vfs_dir_t *d;
    int r = file_opendir(job->path, &d);
    if (r < 0)
        return r;
    struct vfs_dirent e;
    while ((r = vfs_readdir(d, &e)) > 0) {
        /* the listing says what a stat would: no log scan per entry on flash */
        st = (struct vfs_stat){ e.type, e.size, e.mtime };
        if (send_entry(f, data, job->how, e.name, &st, now) < 0) {
            r = ERR_CLOSED;
            break;
        }
    }
    vfs_closedir(d);
    return r;
}

static void list(struct ftp *f, const char *arg, enum listing how)
{
    char path[VFS_PATH_MAX];
    struct listing_job job = { how, path };
    int r = vfs_resolve(f->self->cwd, list_target(arg), path, sizeof path);
    if (r == 0 && !file_exists(path))
        r = ERR_NOENT;
    if (r < 0)
        refuse_transfer(f, r);
    else
        with_data_connection(f, "Listing", send_listing, &job);
}

static void cmd_list(struct ftp *f, const char *arg)
{
    list(f, arg, LIST_LONG);
}

static void cmd_nlst(struct ftp *f, const char *arg)
{
    list(f, arg, LIST_NAMES);
}

static void cmd_mlsd(struct ftp *f, const char *arg)
{
    list(f, arg, LIST_FACTS);
}

static void cmd_mlst(struct ftp *f, const char *arg)
{
    char path[VFS_PATH_MAX], line[VFS_PATH_MAX + 96];
    struct vfs_stat st;
    int r = vfs_resolve(f->self->cwd, arg[0] ? arg : ".", path, sizeof path);
    if (r == 0)
        r = file_stat(path, &st);
    if (r < 0) {
        reply_error(f, r);
        return;
    }
    ftp_facts_line(line, sizeof line, path, &st);
    reply(f, "250-Listing %s\r\n %s250 End", path, line);
}

/* ---- transfers ---- */

struct file_job {
    vfs_file_t *file;
    int upload;
    char *part;                 /* a STOR replacing path through part (vfs_replace_open) */
    const char *path;
};

/* Closes the job's file; a replacing STOR then puts its part in place when result says the
 * transfer is whole, else removes it. Returns result, or the error closing or committing. */
static int finish_file(struct file_job *job, int result)
{
    int closed = job->file ? vfs_close(job->file) : 0;
    job->file = NULL;
    result = result < 0 ? result : closed;
    if (job->part)
        result = file_replace_commit(job->part, job->path, result);
    job->part = NULL;
    return result;
}

static int copy_file_to_socket(vfs_file_t *file, sock_t *data, char *buf)
{
    for (;;) {
        if (proc_should_stop())
            return ERR_INTR;
        int n = vfs_read(file, buf, TRANSFER_CHUNK);
        if (n <= 0)
            return n;
        if ((n = sock_send(data, buf, (size_t)n)) < 0)
            return n;
    }
}

static int copy_socket_to_file(sock_t *data, vfs_file_t *file, char *buf)
{
    for (;;) {
        int n = sock_recv(data, buf, TRANSFER_CHUNK, DATA_TIMEOUT_MS);
        if (n <= 0)
            return n;
        if ((n = vfs_write(file, buf, (size_t)n)) < 0)
            return n;
    }
}

/* Copies either way, then finishes the file: a write that fails at close or at the rename of
 * a replacing STOR fails the transfer. */
static int move_file_data(struct ftp *f, sock_t *data, void *arg)
{
    struct file_job *job = arg;
    char *buf = malloc(TRANSFER_CHUNK);
    int r = !buf ? ERR_NOMEM
          : job->upload ? copy_socket_to_file(data, job->file, buf)
                        : copy_file_to_socket(job->file, data, buf);
    free(buf);
    return finish_file(job, r);
}

/* A REST offset within the file (RFC 3659 5.5: one past its end is refused with 554). */
static int seek_restart(vfs_file_t *file, long at)
{
    long size = vfs_seek(file, 0, VFS_SEEK_END);
    if (size < 0)
        return (int)size;
    if (at > size)
        return ERR_INVAL;
    long pos = vfs_seek(file, at, VFS_SEEK_SET);
    return pos < 0 ? (int)pos : 0;
}

/* Moves the job's open file over a data connection, from the REST offset. */
static void transfer(struct ftp *f, struct file_job *job)
{
    long at = f->restart_at;
    f->restart_at = 0;
    int r = at ? seek_restart(job->file, at) : 0;
    if (r < 0) {
        finish_file(job, r);
        close_passive(f);
        if (r == ERR_INVAL)
            reply(f, "554 Restart offset %ld is past the end of the file.", at);
        else
            reply_error(f, r);
        return;
    }
    with_data_connection(f, "Transfer", move_file_data, job);
    if (job->file)                 /* the data connection never opened */
        finish_file(job, ERR_CLOSED);
}

static void open_and_transfer(struct ftp *f, const char *arg, int flags, int upload)
{
    struct file_job job = { NULL, upload, NULL, arg };
    int r = file_open(arg, flags, &job.file);
    if (r < 0) {
        f->restart_at = 0;
        refuse_transfer(f, r);
        return;
    }
    transfer(f, &job);
}

static void cmd_retr(struct ftp *f, const char *arg)
{
    if (file_is_dir(arg)) {
        f->restart_at = 0;
        refuse_transfer(f, ERR_ISDIR);
    } else {
        open_and_transfer(f, arg, VFS_O_READ, 0);
    }
}

/* A STOR replaces the file only once the whole upload came (a full flash or a cut connection
 * leaves the old file); after REST it resumes the file in place. */
static void cmd_stor(struct ftp *f, const char *arg)
{
    char part[VFS_PATH_MAX];
    struct file_job job = { NULL, 1, part, arg };
    if (f->restart_at) {
        open_and_transfer(f, arg, VFS_O_WRITE | VFS_O_CREATE, 1);
        return;
    }
    int r = file_is_dir(arg) ? ERR_ISDIR : file_replace_open(arg, part, sizeof part, &job.file);
    if (r < 0)
        refuse_transfer(f, r);
    else
        transfer(f, &job);
}

static void cmd_appe(struct ftp *f, const char *arg)
{
    f->restart_at = 0;
    open_and_transfer(f, arg, VFS_O_WRITE | VFS_O_CREATE | VFS_O_APPEND, 1);
}

/* ---- the table ---- */

#define OPEN(verb, fn) { verb, 0, 0, fn }
#define AUTH(verb, fn) { verb, 1, 0, fn }
#define AUTH_ARG(verb, fn) { verb, 1, 1, fn }

static const struct ftp_command commands[] = {
    { "USER", 0, 1, cmd_user }, OPEN("PASS", cmd_pass), OPEN("QUIT", cmd_quit),
    OPEN("SYST", cmd_syst), OPEN("NOOP", cmd_noop), OPEN("FEAT", cmd_feat),
    OPEN("OPTS", cmd_opts), OPEN("HELP", cmd_help), OPEN("STAT", cmd_stat),
    AUTH("TYPE", cmd_type), AUTH("MODE", cmd_mode), AUTH("STRU", cmd_stru),
    AUTH("ALLO", cmd_allo), AUTH("ABOR", cmd_abor), AUTH("SITE", cmd_site),
    AUTH("PWD", cmd_pwd), AUTH("XPWD", cmd_pwd), AUTH_ARG("CWD", cmd_cwd),
    AUTH_ARG("XCWD", cmd_cwd), AUTH("CDUP", cmd_cdup), AUTH("XCUP", cmd_cdup),
    AUTH_ARG("MKD", cmd_mkd), AUTH_ARG("XMKD", cmd_mkd), AUTH_ARG("RMD", cmd_rmd),
    AUTH_ARG("XRMD", cmd_rmd), AUTH_ARG("DELE", cmd_dele), AUTH_ARG("RNFR", cmd_rnfr),
    AUTH_ARG("RNTO", cmd_rnto), AUTH_ARG("SIZE", cmd_size), AUTH_ARG("MDTM", cmd_mdtm),
    AUTH_ARG("REST", cmd_rest), AUTH("PASV", cmd_pasv), AUTH("EPSV", cmd_epsv),
    AUTH_ARG("PORT", cmd_port), AUTH_ARG("EPRT", cmd_eprt), AUTH("LIST", cmd_list),
    AUTH("NLST", cmd_nlst), AUTH("MLSD", cmd_mlsd), AUTH("MLST", cmd_mlst),
    AUTH_ARG("RETR", cmd_retr), AUTH_ARG("STOR", cmd_stor), AUTH_ARG("APPE", cmd_appe),
};

static const struct ftp_command *find_command(const char *verb)
{
    for (size_t i = 0; i < sizeof commands / sizeof commands[0]; i++)
        if (!strcmp(commands[i].verb, verb))
            return &commands[i];
    return NULL;
}

static void run_line(struct ftp *f, char *line)
{
    char *verb, *arg;
    if (ftp_split(line, &verb, &arg) < 0) {
        reply(f, "500 Syntax error.");
        return;
    }
    const struct ftp_command *c = find_command(verb);
    if (!c)
        reply(f, "502 %s not implemented.", verb);
    else if (c->needs_login && !f->logged_in)
        reply(f, "530 Log in first.");
    else if (c->needs_arg && !arg[0])
        reply(f, "501 %s needs an argument.", verb);
    else
        c->run(f, arg);
}

/* Reads the next command line within the idle timeout and, until the first login, within
 * the login grace time counted from the connection: commands before it do not extend it. */
static int read_command(struct ftp *f, uint64_t login_deadline_us)
{
    int timeout_ms = IDLE_TIMEOUT_MS;
    if (login_deadline_us) {
        uint64_t now = hal_time_us();
        if (now >= login_deadline_us)
            return ERR_TIMEOUT;
        uint64_t left_ms = (login_deadline_us - now + 999) / 1000;
        if (left_ms < (uint64_t)timeout_ms)
            timeout_ms = (int)left_ms;
    }
    return linereader_line(&f->in, f->line, sizeof f->line, timeout_ms);
}

static void ftp_session(proc_t *self, sock_t *client, const struct session_info *who)
{
    struct ftp *f = calloc(1, sizeof *f);
    if (!f)
        return;
    f->self = self;
    f->who = who;
    f->ctrl = client;
    f->peer = who->peer;
    linereader_init(&f->in, client);
    long grace_ms = config_login_grace_ms();
    uint64_t login_deadline_us = grace_ms ? hal_time_us() + (uint64_t)grace_ms * 1000 : 0;
    int awaiting_login = 1;           /* until then the session may be evicted (idle) */
    reply(f, "220 %s FTP server ready.", sysdata.name);
    while (!f->quit) {
        int n = read_command(f, awaiting_login ? login_deadline_us : 0);
        if (n == ERR_NAMETOOLONG) {
            reply(f, "500 Line too long.");
            continue;
        }
        if (n == ERR_TIMEOUT)
            reply(f, awaiting_login ? "421 Login timed out, closing." : "421 Idle too long, closing.");
        if (n < 0)
            break;
        run_line(f, f->line);
        awaiting_login = awaiting_login && !f->logged_in;   /* the grace applies once */
    }
    close_passive(f);
    free(f);
}

struct service ftpd_service = {
    .name = "uftpd",
    .default_port = FTP_PORT,
    .max_sessions = FTP_SESSIONS,
    .session = ftp_session,
    .busy_reply = "421 Too many sessions, try later.\r\n",
};
