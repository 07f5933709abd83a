/* upgrade: installs a signed release from a server, switching all files at once, on trial
 * until confirmed (docs/upgrade.md). The release is a folder: upgrade.inf (lib/manifest.h),
 * its signature upgrade.inf.sig (lib/signature.h), and the files under their paths. The
 * switch, the trial boots and the rollback are the kernel's (kernel/upgrade.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hal/firmware.h"
#include "hal/system.h"
#include "hal/time.h"
#include "kernel/command.h"
#include "kernel/config.h"
#include "kernel/files.h"
#include "kernel/shutdown.h"
#include "kernel/sysdata.h"
#include "kernel/tty.h"
#include "kernel/upgrade.h"
#include "lib/err.h"
#include "lib/json.h"
#include "lib/manifest.h"
#include "lib/sha256.h"
#include "lib/signature.h"
#include "lib/str.h"
#include "net/at_http.h"
#include "net/http_client.h"
#include "term/lineedit.h"

#if UPYOS_SIGNATURE     /* a build without signature support has the stub at the end */

#define MANIFEST_NAME "/upgrade.inf"
#define SIGNATURE_NAME "/upgrade.inf.sig"
#define MANIFEST_LIMIT (32 * 1024)
#define SIGNATURE_LIMIT 512
#define CHUNK 2048
#define BAR_WIDTH 30
#define TIMEOUT_MS 10000
#define FIRMWARE_DIR "/fw/"           /* a release's firmware images: /fw/<platform>.bin */

struct upgrade {
    const struct cmd_ctx *ctx;
    proc_t *p;
    int force, reboot, verbose, test, overwrite, silent, downgrade;
    int modem;                        /* atupgrade: through the modem's HTTP client */
    char base[VFS_PATH_MAX];          /* the release folder's URL */
    char installed[MANIFEST_VERSION_MAX];
    char *manifest;
    size_t manifest_len;
    struct manifest_head head;
    struct strbuf ops;                /* the journal's operation lines */
    int fetch_count, drop_count, kept_count;
    long long total, done;
    uint64_t last_draw;
    char *buf;
};

/* ---- fetching ---- */

/* A file of the release comes from a server (http://, https://), from a folder on the
 * board's own filesystem (a path: a release copied there by FTP, on a card, in the flash
 * image), or, for atupgrade, through the modem's own HTTP client (net/at_http.h). Whichever
 * it is, its bytes go to a sink as they come, so that every check below is the same for all
 * three. A sink's negative return stops the file (its error is the fetch's). */
typedef int (*sink_fn)(void *ctx, const uint8_t *buf, size_t len);

/* Opens a URL of the release: http://, or https:// with the server's certificate checked
 * against the CA file (net/tls.h; system.conf "ca", else /etc/ca.pem), as wget does. */
static int open_url(struct upgrade *up, const char *url, struct http_client *c)
{
    struct url u;
    int r = url_parse(url, &u);
    if (r == ERR_NOTSUP)
        return cmd_error(up->ctx, "%s: only http:// and https:// are supported", url), r;
    if (r < 0)
        return cmd_error(up->ctx, "%s: not a URL", url), r;
    memset(c, 0, sizeof *c);
    if ((r = http_client_open(c, &u, TIMEOUT_MS)) < 0) {
        char why[160];
        http_client_error_text(c, r, why, sizeof why);
        return cmd_error(up->ctx, "%s: %s", url, why), r;
    }
    if (c->status != 200) {
        http_client_close(c);
        cmd_error(up->ctx, "%s: server answered %d", url, c->status);
        return c->status == 404 ? ERR_NOENT : ERR_IO;
    }
    return 0;
}

static int is_local(const char *base)
{
    return base[0] == '/';
}

/* Reads a local file or a server's answer to its end, into sink. */
static int pump(struct upgrade *up, const char *name, vfs_file_t *file, struct http_client *c,
                sink_fn sink, void *ctx)
{
    int r, w = 0;
    while (w >= 0 && (r = file ? vfs_read(file, up->buf, CHUNK)
                               : http_client_read(c, up->buf, CHUNK)) > 0)
        w = sink(ctx, (const uint8_t *)up->buf, (size_t)r);
    if (file)
        vfs_close(file);
    else
        http_client_close(c);
    if (w < 0)
        return w;
    if (r < 0)
        cmd_error(up->ctx, "%s: %s", name, err_str(r));
    return r;
}

static int fetch_through_modem(struct upgrade *up, const char *url, sink_fn sink, void *ctx)
{
    struct at_http_request req = { .url = url, .sink = sink, .ctx = ctx };
    enum at_status st = at_http_get(&req);
    if (req.sink_error)
        return req.sink_error;
    if (st != AT_STATUS_OK)
        return cmd_error(up->ctx, "%s: %s", url, req.why), st == AT_STATUS_STOPPED ? ERR_INTR
                                                                                   : ERR_IO;
    return 0;
}

/* The release's file at path (its path in the release, e.g. /bin/ls) into sink; its full
 * name goes into name, for messages. 0, or a negative ERR_* (said, unless the sink's). */
static int fetch(struct upgrade *up, const char *path, char *name, size_t size, sink_fn sink,
                 void *ctx)
{
    if ((size_t)snprintf(name, size, "%s%s", up->base, path) >= size)
        return cmd_fail(up->ctx, path, ERR_NAMETOOLONG), ERR_NAMETOOLONG;
    if (up->modem)
        return fetch_through_modem(up, name, sink, ctx);
    if (!is_local(up->base)) {
        struct http_client c;
        int r = open_url(up, name, &c);
        return r < 0 ? r : pump(up, name, NULL, &c, sink, ctx);
    }
    vfs_file_t *file;
    int r = file_open(name, VFS_O_READ, &file);
    if (r < 0)
        return cmd_error(up->ctx, "%s: %s", name, err_str(r)), r;
    return pump(up, name, file, NULL, sink, ctx);
}

struct small {
    struct strbuf b;
    size_t limit;
};

static int to_memory(void *ctx, const uint8_t *buf, size_t len)
{
    struct small *m = ctx;
    if (m->b.len + len > m->limit)
        return ERR_FBIG;
    strbuf_add(&m->b, (const char *)buf, len);
    return 0;
}

/* A small file of the release into memory, at most limit bytes. */
static int fetch_small(struct upgrade *up, const char *path, size_t limit, char **data,
                       size_t *len)
{
    char url[VFS_PATH_MAX + 16];
    struct small m = { .limit = limit };
    strbuf_init(&m.b);
    int r = fetch(up, path, url, sizeof url, to_memory, &m);
    if (r == ERR_FBIG) {
        cmd_error(up->ctx, "%s: larger than %u bytes", url, (unsigned)limit);
    } else if (r == 0 && m.b.failed) {
        cmd_error(up->ctx, "%s", err_str(ERR_NOMEM));
        r = ERR_NOMEM;
    }
    if (r < 0) {
        strbuf_free(&m.b);
        return r;
    }
    *len = m.b.len;
    *data = strbuf_take(&m.b);
    if (!*data)
        *data = str_dup("");
    return *data ? 0 : ERR_NOMEM;
}

static int on_terminal(proc_t *p)
{
    return p->out && p->out->tty && p->out->tty->terminal;
}

/* "[=====>      ]  42%  120K of all the files to fetch", redrawn in place on a terminal. */
static void draw_progress(struct upgrade *up, int last)
{
    uint64_t now = hal_time_us();
    if (up->silent || !on_terminal(up->p) || (!last && now - up->last_draw < 200000))
        return;
    up->last_draw = now;
    char size[16], bar[BAR_WIDTH + 1];
    long long total = up->total > 0 ? up->total : 1;
    int filled = (int)(up->done * BAR_WIDTH / total);
    for (int i = 0; i < BAR_WIDTH; i++)
        bar[i] = i < filled ? '=' : i == filled ? '>' : ' ';
    bar[BAR_WIDTH] = '\0';
    str_human_size((unsigned long long)up->done, size, sizeof size);
    proc_printf(up->p, "\r[%s] %3d%% %s%s", bar, (int)(up->done * 100 / total), size,
                last ? "\n" : "");
}

/* One file on its way into the staging area: its size and hash are checked as it comes. */
struct staging {
    struct upgrade *up;
    vfs_file_t *f;
    struct sha256 hash;
    long got, size;
    int error;                          /* what stopped it here (not said yet), or 0 */
};

static int to_staging(void *ctx, const uint8_t *buf, size_t len)
{
    struct staging *s = ctx;
    if ((s->got += (long)len) > s->size)
        return s->error = ERR_CORRUPT;  /* longer than the manifest says: stop here */
    sha256_update(&s->hash, buf, len);
    int w = vfs_write(s->f, buf, len);
    if (w < 0)
        return s->error = w;
    s->up->done += w;
    draw_progress(s->up, 0);
    return 0;
}

/* Downloads one file into the staging area, checking its size and hash as it comes. */
static int fetch_file(struct upgrade *up, const struct manifest_entry *e)
{
    char url[VFS_PATH_MAX + 16], staged[VFS_PATH_MAX];
    struct staging s = { .up = up, .size = e->size };
    int r = upgrade_stage_path(e->path, staged, sizeof staged);
    if (r < 0)
        return cmd_fail(up->ctx, e->path, r);
    if ((r = upgrade_make_parents(staged)) < 0 ||
        (r = file_open(staged, VFS_O_WRITE | VFS_O_CREATE | VFS_O_TRUNC, &s.f)) < 0)
        return cmd_fail(up->ctx, staged, r);
    sha256_init(&s.hash);
    r = fetch(up, e->path, url, sizeof url, to_staging, &s);
    int closed = vfs_close(s.f);
    uint8_t digest[SHA256_SIZE];
    sha256_final(&s.hash, digest);
    if (s.error == ERR_CORRUPT || (r == 0 && s.got != e->size))
        return cmd_error(up->ctx, "%s: %ld bytes where the manifest says %ld", e->path, s.got,
                         e->size), ERR_CORRUPT;
    if (r < 0 && !s.error)
        return ERR_IO;                  /* fetch said why */
    if (r < 0 || closed < 0)
        return cmd_error(up->ctx, "%s: %s", e->path, err_str(r < 0 ? r : closed)), ERR_IO;
    if (memcmp(digest, e->sha256, SHA256_SIZE) != 0)
        return cmd_error(up->ctx, "%s: its SHA-256 is not the manifest's", e->path), ERR_CORRUPT;
    if (up->verbose)
        proc_printf(up->p, "%sfetched %s (%ld bytes)\n", on_terminal(up->p) && !up->silent ?
                    "\r" : "", e->path, e->size);
    return 0;
}

/* ---- checking the release ---- */

static int fetch_and_check(struct upgrade *up)
{
    char *sig = NULL, *key = NULL, id[SIGNATURE_KEY_ID_LEN + 1];
    size_t sig_len, key_len;
    int line, r;
    if (fetch_small(up, MANIFEST_NAME, MANIFEST_LIMIT, &up->manifest, &up->manifest_len) < 0)
        return 1;
    if (manifest_check(up->manifest, up->manifest_len, &up->head, &line) < 0)
        return cmd_error(up->ctx, "malformed manifest (line %d): refused", line);
    if (!up->head.key_id[0])
        return cmd_error(up->ctx, "the release has no key id: unsigned releases are refused");
    if (file_read_all(UPGRADE_KEY, &key, &key_len) < 0)
        return cmd_error(up->ctx, "no %s: this board cannot check signatures", UPGRADE_KEY);
    if ((r = signature_key_id(key, key_len, id)) < 0) {
        free(key);
        return cmd_error(up->ctx, "%s: not a P-256 public key", UPGRADE_KEY);
    }
    if (strcmp(id, up->head.key_id) != 0) {
        free(key);
        return cmd_error(up->ctx, "the release is signed with key %s; this board trusts %s",
                         up->head.key_id, id);
    }
    if (fetch_small(up, SIGNATURE_NAME, SIGNATURE_LIMIT, &sig, &sig_len) < 0) {
        free(key);
        return cmd_error(up->ctx, "no signature: unsigned releases are refused");
    }
    r = signature_verify(up->manifest, up->manifest_len, sig, sig_len, key, key_len);
    free(sig);
    free(key);
    if (r < 0)
        return cmd_error(up->ctx, "bad signature: the release is refused");
    return 0;
}

/* The installed version: its manifest's, else the firmware's. */
static void installed_version(struct upgrade *up)
{
    char *text;
    size_t len;
    struct manifest_head h;
    str_copy(up->installed, sysdata.version, sizeof up->installed);
    if (file_read_all(UPGRADE_MANIFEST, &text, &len) < 0)
        return;
    if (manifest_check(text, len, &h, NULL) == 0)
        str_copy(up->installed, h.version, sizeof up->installed);
    free(text);
}

/* ---- the plan: what changes ---- */

static int is_protected(const char *path)
{
    return config_is_protected(path) || strcmp(path, UPGRADE_KEY) == 0;
}

/* 1 when the live file already has this size and hash. */
static int unchanged(struct upgrade *up, const struct manifest_entry *e)
{
    struct vfs_stat st;
    vfs_file_t *f;
    if (file_stat(e->path, &st) < 0 || st.type != VFS_FILE || (long)st.size != e->size ||
        file_open(e->path, VFS_O_READ, &f) < 0)
        return 0;
    struct sha256 s;
    uint8_t digest[SHA256_SIZE];
    int n;
    sha256_init(&s);
    while ((n = vfs_read(f, up->buf, CHUNK)) > 0)
        sha256_update(&s, up->buf, (size_t)n);
    vfs_close(f);
    sha256_final(&s, digest);
    return n == 0 && memcmp(digest, e->sha256, SHA256_SIZE) == 0;
}

static void add_op(struct upgrade *up, char op, const char *path)
{
    strbuf_addf(&up->ops, "%c %s\n", op, path);
    if (up->verbose || up->test)
        proc_printf(up->p, "  %s %s\n", op == 'D' ? "remove" : op == 'A' ? "add   " : "change",
                    path);
}

static int plan_files(struct upgrade *up)
{
    struct manifest_reader r;
    struct manifest_entry e;
    manifest_begin(&r, up->manifest, up->manifest_len);
    while (manifest_next(&r, &e) == 1) {
        if (!strncmp(e.path, FIRMWARE_DIR, strlen(FIRMWARE_DIR)))
            continue;                 /* upgrade --firmware's, not a file of the board */
        int protect = is_protected(e.path);
        if (protect && !(e.flags & MANIFEST_PROTECTED)) {
            up->kept_count++;
            if (up->verbose || up->test)
                proc_printf(up->p, "  keep   %s (protected)\n", e.path);
            continue;
        }
        if (!up->overwrite && unchanged(up, &e))
            continue;
        add_op(up, protect ? 'P' : file_exists(e.path) ? 'C' : 'A', e.path);
        up->fetch_count++;
        up->total += e.size;
    }
    return 0;
}

/* Files of the installed release that the new one drops. Files no release listed (the
 * user's) are never removed. */
static void plan_drops(struct upgrade *up)
{
    char *old;
    size_t len;
    struct manifest_head h;
    struct manifest_reader r;
    struct manifest_entry e, ignored;
    if (file_read_all(UPGRADE_MANIFEST, &old, &len) < 0)
        return;
    if (manifest_check(old, len, &h, NULL) == 0) {
        manifest_begin(&r, old, len);
        while (manifest_next(&r, &e) == 1)
            if (!manifest_find(up->manifest, up->manifest_len, e.path, &ignored) &&
                !is_protected(e.path) && file_exists(e.path)) {
                add_op(up, 'D', e.path);
                up->drop_count++;
            }
    }
    free(old);
}

/* ---- the upgrade ---- */

static int confirmed(struct upgrade *up)
{
    char answer[8];
    if (up->force)
        return 1;
    if (lineedit_ask(up->p, "Confirm upgrade (y/N)? ", answer, sizeof answer) < 0)
        return 0;
    return answer[0] == 'y' || answer[0] == 'Y';
}

static int stage_all(struct upgrade *up)
{
    struct manifest_reader reader;
    struct manifest_entry e;
    char staged[VFS_PATH_MAX];
    upgrade_remove_tree(UPGRADE_STAGE);
    upgrade_remove_tree(UPGRADE_KEEP);
    manifest_begin(&reader, up->manifest, up->manifest_len);
    for (const char *op = up->ops.data; op && *op; op = strchr(op, '\n') + 1) {
        if (*op == 'D')
            continue;
        size_t n = strcspn(op + 2, "\n");
        /* the operations follow the manifest's order: read on to this one's entry */
        while (manifest_next(&reader, &e) == 1 &&
               (strlen(e.path) != n || memcmp(e.path, op + 2, n) != 0))
            ;
        if (fetch_file(up, &e) < 0)
            return 1;
    }
    draw_progress(up, 1);
    /* the manifest itself goes in with the files, as the last operation */
    int r = upgrade_stage_path(UPGRADE_MANIFEST, staged, sizeof staged);
    if (r >= 0)
        r = upgrade_make_parents(staged);
    if (r >= 0)
        r = file_write_all(staged, up->manifest, up->manifest_len);
    if (r < 0)
        return cmd_fail(up->ctx, staged, r);
    strbuf_addf(&up->ops, "%c %s\n", file_exists(UPGRADE_MANIFEST) ? 'C' : 'A',
                UPGRADE_MANIFEST);
    return up->ops.failed ? cmd_error(up->ctx, "%s", err_str(ERR_NOMEM)) : 0;
}

static int check_state(struct upgrade *up)
{
    struct upgrade_status st;
    if (!signature_supported())
        return cmd_error(up->ctx, "this build cannot check release signatures (no mbedTLS): "
                         "upgrade is not available");
    if (upgrade_status(&st) < 0)
        return cmd_error(up->ctx, "%s is damaged", UPGRADE_JOURNAL);
    if (st.state != UPGRADE_NONE)
        return cmd_error(up->ctx, "version %s is on trial: upgrade --commit or --rollback first",
                         st.version);
    return 0;
}

static int compare_versions(struct upgrade *up)
{
    int c = manifest_version_cmp(up->head.version, up->installed);
    if (c < 0 && !up->downgrade)
        return cmd_error(up->ctx, "version %s is older than the installed %s: refused "
                         "(--allow-downgrade to install it)", up->head.version, up->installed);
    if (c == 0 && !up->overwrite) {
        proc_printf(up->p, "Version %s is installed already\n", up->installed);
        return -1;
    }
    return 0;
}

static int run(struct upgrade *up)
{
    int r;
    if (check_state(up) || fetch_and_check(up))
        return 1;
    installed_version(up);
    if ((r = compare_versions(up)) != 0)
        return r < 0 ? 0 : 1;
    proc_printf(up->p, "Release %s (%s), signed by key %s\n", up->head.version, up->head.date,
                up->head.key_id);
    plan_files(up);
    plan_drops(up);
    proc_printf(up->p, "Upgrade %s -> %s: %d files to fetch (%lld bytes), %d to remove\n",
                up->installed, up->head.version, up->fetch_count, up->total, up->drop_count);
    if (up->test)
        return 0;
    if (!confirmed(up))
        return proc_puts(up->p, "Upgrade cancelled\n"), 1;
    if (stage_all(up)) {
        upgrade_remove_tree(UPGRADE_STAGE);
        return cmd_error(up->ctx, "nothing was changed; version %s stays", up->installed);
    }
    if ((r = upgrade_switch(up->head.version, up->installed, up->ops.data, up->p->out)) < 0)
        return cmd_error(up->ctx, "switch: %s", err_str(r));
    proc_printf(up->p, "Upgraded to %s: on trial until confirmed (upgrade --commit, or up "
                "long enough after the next boot)\n", up->head.version);
    if (up->reboot) {
        proc_puts(up->p, "Rebooting...\n");
        shutdown_request(1);
    }
    return 0;
}

/* ---- the firmware image (hal/firmware.h) ---- */

/* The SHA-256 of the staging slot's first size bytes, read back from flash. */
static int hash_staged(struct upgrade *up, long size, uint8_t digest[SHA256_SIZE])
{
    struct sha256 s;
    sha256_init(&s);
    for (long at = 0; at < size; at += CHUNK) {
        size_t n = size - at < CHUNK ? (size_t)(size - at) : CHUNK;
        int r = hal_firmware_read((size_t)at, up->buf, n);
        if (r < 0)
            return r;
        sha256_update(&s, up->buf, n);
    }
    sha256_final(&s, digest);
    return 0;
}

struct slot_writer {
    struct upgrade *up;
    struct sha256 hash;
    long got, size;
    int error;                          /* what stopped it here (not said yet), or 0 */
};

static int to_slot(void *ctx, const uint8_t *buf, size_t len)
{
    struct slot_writer *w = ctx;
    if (w->got + (long)len > w->size)
        return w->error = ERR_CORRUPT;  /* longer than the manifest says: stop here */
    sha256_update(&w->hash, buf, len);
    int r = hal_firmware_write((size_t)w->got, buf, len);
    if (r < 0)
        return w->error = r;
    w->up->done = w->got += (long)len;
    draw_progress(w->up, 0);
    return 0;
}

/* Copies the release's image into the staging slot, hashing it as it comes, then hashes
 * the slot as the flash holds it: what the boot stage swaps in is what was signed. */
static int stage_firmware(struct upgrade *up, const struct manifest_entry *e)
{
    char url[VFS_PATH_MAX + 16];
    struct slot_writer w = { .up = up, .size = e->size };
    uint8_t digest[SHA256_SIZE];
    sha256_init(&w.hash);
    int r = fetch(up, e->path, url, sizeof url, to_slot, &w);
    sha256_final(&w.hash, digest);
    draw_progress(up, 1);
    if (r < 0 && !w.error)
        return 1;                       /* fetch said why */
    if (w.error && w.error != ERR_CORRUPT)
        return cmd_error(up->ctx, "%s: %s", e->path, err_str(w.error));
    if (w.error == ERR_CORRUPT || w.got != e->size)
        return cmd_error(up->ctx, "%s: %ld bytes or more where the manifest says %ld", e->path,
                         w.got, e->size);
    if (memcmp(digest, e->sha256, SHA256_SIZE) != 0)
        return cmd_error(up->ctx, "%s: its SHA-256 is not the manifest's", e->path);
    if ((r = hash_staged(up, w.got, digest)) < 0 || memcmp(digest, e->sha256, SHA256_SIZE) != 0)
        return cmd_error(up->ctx, "%s: the staging slot does not read back as written", e->path);
    return 0;
}

/* upgrade --firmware: the release's image for this platform, /fw/<platform>.bin, into the
 * staging slot; the boot stage swaps it in at the next boot. */
static int run_firmware(struct upgrade *up)
{
    char path[VFS_PATH_MAX];
    struct manifest_entry e;
    size_t slot = hal_firmware_slot_size();
    int r;
    if (!signature_supported())
        return cmd_error(up->ctx, "this build cannot check release signatures (no mbedTLS)");
    if (slot == 0)
        return cmd_error(up->ctx, "this board has no firmware slots: its firmware is not "
                         "upgraded over the air");
    if (hal_firmware_state() == HAL_FIRMWARE_PENDING ||
        hal_firmware_state() == HAL_FIRMWARE_TRIAL)
        return cmd_error(up->ctx, "a new firmware is pending or on trial: reboot, or "
                         "upgrade --commit first");
    if (fetch_and_check(up))
        return 1;
    snprintf(path, sizeof path, FIRMWARE_DIR "%s.bin", hal_platform_name());
    if (!manifest_find(up->manifest, up->manifest_len, path, &e))
        return cmd_error(up->ctx, "release %s has no %s", up->head.version, path);
    if ((size_t)e.size > slot)
        return cmd_error(up->ctx, "%s: %ld bytes, larger than the %u-byte slot", path, e.size,
                         (unsigned)slot);
    proc_printf(up->p, "Release %s (%s), signed by key %s: firmware %s (%ld bytes)\n",
                up->head.version, up->head.date, up->head.key_id, path, e.size);
    if (up->test)
        return 0;
    if (!confirmed(up))
        return proc_puts(up->p, "Upgrade cancelled\n"), 1;
    up->total = e.size;
    if (stage_firmware(up, &e))
        return cmd_error(up->ctx, "nothing was changed; firmware %s stays", sysdata.version);
    if ((r = hal_firmware_request((size_t)e.size)) < 0)
        return cmd_error(up->ctx, "%s", err_str(r));
    proc_printf(up->p, "Firmware of release %s staged: it goes in at the next boot, on trial "
                "until it reaches the prompt\n", up->head.version);
    if (up->reboot) {
        proc_puts(up->p, "Rebooting...\n");
        shutdown_request(1);
    }
    return 0;
}

static const char *firmware_state_name(enum hal_firmware_state s)
{
    static const char *const names[] = { "confirmed", "pending (goes in at the next boot)",
                                         "trial", "rolled back (the new one failed its trial)" };
    return names[s];
}

/* The release folder's URL (or its path on this board): the argument, else system.conf's
 * "upgrade_url". */
static int source_url(struct upgrade *up, const char *arg)
{
    struct json *conf = arg ? NULL : config_get("upgrade_url");
    str_copy(up->base, arg ? arg : conf && conf->type == JSON_STRING ? conf->str : "",
             sizeof up->base);
    json_free(conf);
    size_t n = strlen(up->base);
    if (n >= 4 && !strcmp(up->base + n - 4, ".inf")) {    /* the manifest's URL: its folder */
        while (n > 0 && up->base[n - 1] != '/')
            n--;
        up->base[n] = '\0';
    }
    while (n > 0 && up->base[n - 1] == '/')
        up->base[--n] = '\0';
    return n ? 0 : cmd_error(up->ctx, "no URL given and no upgrade_url in %s", CONFIG_PATH);
}

static int show_status(proc_t *p)
{
    struct upgrade up = { 0 };
    struct upgrade_status st;
    installed_version(&up);
    if (upgrade_status(&st) < 0)
        return proc_error(p, "upgrade", "%s is damaged\n", UPGRADE_JOURNAL), 1;
    proc_printf(p, "version:  %s\n", up.installed);
    proc_printf(p, "state:    %s", st.state == UPGRADE_NONE ? "confirmed" :
                upgrade_state_name(st.state));
    if (st.state == UPGRADE_TRIAL)
        proc_printf(p, " (boot %d of %d)", st.boots, UPGRADE_TRIAL_BOOTS);
    proc_puts(p, "\n");
    if (st.state != UPGRADE_NONE)
        proc_printf(p, "previous: %s (kept in %s)\n", st.previous, UPGRADE_KEEP);
    if (hal_firmware_slot_size() > 0)
        proc_printf(p, "firmware: %s, %s\n", sysdata.version,
                    firmware_state_name(hal_firmware_state()));
    return 0;
}

/* Confirms after the board has stayed up this long: started at the prompt of a trial boot. */
static int commit_after(proc_t *p, const char *seconds)
{
    if (proc_sleep_ms((uint32_t)atoi(seconds) * 1000u) < 0)
        return 130;
    struct upgrade_status st;
    if (upgrade_status(&st) < 0 || st.state != UPGRADE_TRIAL)
        return 0;
    return upgrade_commit(p->out) < 0;
}

static const char usage[] =
    "upgrade [-f] [-r] [-v] [-t] [-o] [-s] [--allow-downgrade] [URL|FOLDER]\n"
    "  installs the signed release at URL, or in a FOLDER of this board's files\n"
    "  (default: system.conf's upgrade_url)\n"
    "  -f  without asking   -r  reboot after   -v  list every file\n"
    "  -t  check and list the changes only      -o  fetch every file, changed or not\n"
    "  -s  no progress bar\n"
    "upgrade --firmware [-f] [-r] [-t] [-s] [URL|FOLDER]\n"
    "  puts the release's firmware image (/fw/PLATFORM.bin) in the staging slot\n"
    "upgrade --status | --commit | --rollback | --help\n";

static int option(struct upgrade *up, const char *a)
{
    static const char letters[] = "frvtos";
    int *flags[] = { &up->force, &up->reboot, &up->verbose, &up->test, &up->overwrite,
                     &up->silent };
    if (!strcmp(a, "--allow-downgrade"))
        return up->downgrade = 1, 0;
    if (a[0] != '-' || a[1] == '-' || !a[1])
        return -1;
    for (const char *c = a + 1; *c; c++) {
        const char *at = strchr(letters, *c);
        if (!at)
            return -1;
        *flags[at - letters] = 1;
    }
    return 0;
}

/* upgrade and atupgrade: the same words, the same checks; modem: the files come through
 * the modem's HTTP client. */
static int upgrade_command(const struct cmd_ctx *ctx, proc_t *p, int argc, char **argv,
                           int modem)
{
    struct upgrade up = { .ctx = ctx, .p = p, .modem = modem };
    const char *url = NULL;
    if (argc == 2 && !strcmp(argv[1], "--help"))
        return proc_puts(p, usage), 0;
    if (argc == 2 && !strcmp(argv[1], "--status"))
        return show_status(p);
    if (argc == 2 && !strcmp(argv[1], "--commit")) {
        int fw = hal_firmware_confirm();
        int r = upgrade_commit(p->out);
        if (fw == 0)
            proc_printf(p, "firmware %s confirmed\n", sysdata.version);
        return r < 0 && fw < 0 ? cmd_error(ctx, "no version is on trial") : 0;
    }
    if (argc == 2 && !strcmp(argv[1], "--rollback")) {
        int r = upgrade_rollback(p->out, "asked by hand");
        return r < 0 ? cmd_error(ctx, r == ERR_NOENT ? "no previous version is kept" : "%s",
                                 err_str(r)) : 0;
    }
    if (argc == 3 && !strcmp(argv[1], "--commit-after"))
        return commit_after(p, argv[2]);
    int firmware = 0;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--firmware"))
            firmware = 1;
        else if (argv[i][0] != '-' && !url)
            url = argv[i];
        else if (option(&up, argv[i]) < 0)
            return cmd_error(ctx, "unknown option %s (upgrade --help)", argv[i]);
    }
    if (source_url(&up, url))
        return 1;
    if (modem && strncmp(up.base, "http://", 7) && strncmp(up.base, "https://", 8))
        return cmd_error(ctx, "%s: atupgrade fetches through the modem: give an http:// or "
                         "https:// URL", up.base);
    up.buf = malloc(CHUNK);
    if (!up.buf)
        return cmd_error(ctx, "%s", err_str(ERR_NOMEM));
    strbuf_init(&up.ops);
    int status = firmware ? run_firmware(&up) : run(&up);
    strbuf_free(&up.ops);
    free(up.manifest);
    free(up.buf);
    return status;
}

COMMAND(upgrade,
        "upgrade [-frvtos] [--firmware|--status|--commit|--rollback|--allow-downgrade] "
        "[URL|FOLDER]",
        "install a signed release from a server or a folder: staged, switched at once, on "
        "trial until confirmed", RAW_ARGS, 0, MANY, .stack = 8192)
{
    return upgrade_command(ctx, p, argc, argv, 0);
}

COMMAND(atupgrade,
        "atupgrade [-frvtos] [--firmware|--allow-downgrade] [URL]\n"
        "  upgrade's release upgrade (upgrade --help), its files fetched through the modem's "
        "HTTP client (AT+HTTPCGET)",
        "install a signed release through the modem's HTTP client, with upgrade's checks",
        RAW_ARGS, 0, MANY, .stack = 8192)
{
    return upgrade_command(ctx, p, argc, argv, 1);
}

#else

COMMAND(upgrade,
        "upgrade [-frvtos] [--firmware|--status|--commit|--rollback|--allow-downgrade] "
        "[URL|FOLDER]",
        "install a signed release from a server or a folder (not in this build: no mbedTLS)",
        RAW_ARGS, 0, MANY)
{
    return cmd_error(ctx, "this build cannot check release signatures (no mbedTLS): upgrade "
                     "is not available");
}

COMMAND(atupgrade, "atupgrade [-frvtos] [--firmware|--allow-downgrade] [URL]",
        "install a signed release through the modem (not in this build: no mbedTLS)",
        RAW_ARGS, 0, MANY)
{
    return cmd_error(ctx, "this build cannot check release signatures (no mbedTLS): "
                     "atupgrade is not available");
}

#endif
