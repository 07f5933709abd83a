/* The journal of an upgrade's switch, the trial boots and the rollback (kernel/upgrade.h). */
#include "kernel/upgrade.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hal/time.h"
#include "kernel/files.h"
#include "lib/err.h"
#include "lib/str.h"

#define LOG_DIR "/var/log"

static const char *const state_names[] = { "none", "switch", "trial", "rollback" };

const char *upgrade_state_name(enum upgrade_state s)
{
    return state_names[s];
}

void upgrade_log(stream_t *out, const char *fmt, ...)
{
    char line[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(line, sizeof line - 1, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if ((size_t)n > sizeof line - 2)
        n = (int)sizeof line - 2;
    line[n++] = '\n';
    line[n] = '\0';
    if (out)
        stream_puts(out, line);
    char stamp[32];
    int s = snprintf(stamp, sizeof stamp, "%lld ", (long long)hal_rtc_get());
    vfs_file_t *f;
    if (!file_is_dir(LOG_DIR))
        file_mkdir(LOG_DIR);
    if (file_open(UPGRADE_LOG, VFS_O_WRITE | VFS_O_CREATE | VFS_O_APPEND, &f) < 0)
        return;
    vfs_write(f, stamp, (size_t)s);
    vfs_write(f, line, (size_t)n);
    vfs_close(f);
}

/* ---- paths and folders ---- */

static int join(const char *dir, const char *path, char *out, size_t size)
{
    return (size_t)snprintf(out, size, "%s%s", dir, path) >= size ? ERR_NAMETOOLONG : 0;
}

int upgrade_stage_path(const char *path, char *out, size_t size)
{
    return join(UPGRADE_STAGE, path, out, size);
}

int upgrade_make_parents(const char *path)
{
    char dir[VFS_PATH_MAX];
    str_copy(dir, path, sizeof dir);
    for (char *slash = strchr(dir + 1, '/'); slash; slash = strchr(slash + 1, '/')) {
        *slash = '\0';
        int r = file_is_dir(dir) ? 0 : file_mkdir(dir);
        *slash = '/';
        if (r < 0 && r != ERR_EXIST)
            return r;
    }
    return 0;
}

/* The first entry of a folder (other than . and ..): 1, 0 when empty, or an error. The folder
 * is opened again for every entry, so removing entries never races its listing. */
static int first_entry(const char *dir, struct vfs_dirent *ent)
{
    vfs_dir_t *d;
    int r = file_opendir(dir, &d);
    if (r < 0)
        return r;
    while ((r = vfs_readdir(d, ent)) > 0)
        if (strcmp(ent->name, ".") != 0 && strcmp(ent->name, "..") != 0)
            break;
    vfs_closedir(d);
    return r > 0 ? 1 : r;
}

int upgrade_remove_tree(const char *dir)
{
    struct vfs_dirent ent;
    char path[VFS_PATH_MAX];
    int r;
    if (!file_exists(dir))
        return 0;
    if (!file_is_dir(dir))
        return file_unlink(dir);
    while ((r = first_entry(dir, &ent)) > 0) {
        if ((size_t)snprintf(path, sizeof path, "%s/%s", dir, ent.name) >= sizeof path)
            return ERR_NAMETOOLONG;
        if ((r = upgrade_remove_tree(path)) < 0)
            return r;
    }
    return r < 0 ? r : file_rmdir(dir);
}

/* ---- the journal ---- */

struct journal {
    char *text;              /* the whole file, NUL-terminated */
    size_t len;
    enum upgrade_state state;
    char version[UPGRADE_VERSION_MAX], previous[UPGRADE_VERSION_MAX];
    const char *ops;         /* the lines after the first */
};

static void copy_field(char *out, const char *from, size_t n)
{
    if (n >= UPGRADE_VERSION_MAX)
        n = UPGRADE_VERSION_MAX - 1;
    memcpy(out, from, n);
    out[n] = '\0';
}

/* Reads "STATE,VERSION,PREVIOUS\n". 0, ERR_NOENT without a journal, ERR_CORRUPT. */
static int journal_read(struct journal *j)
{
    memset(j, 0, sizeof *j);
    int r = file_read_all(UPGRADE_JOURNAL, &j->text, &j->len);
    if (r < 0)
        return r;
    char *nl = strchr(j->text, '\n');
    char *c1 = strchr(j->text, ','), *c2 = c1 ? strchr(c1 + 1, ',') : NULL;
    if (!nl || !c1 || !c2 || c2 > nl) {
        free(j->text);
        return ERR_CORRUPT;
    }
    j->state = UPGRADE_NONE;
    for (int s = UPGRADE_SWITCHING; s <= UPGRADE_ROLLING_BACK; s++)
        if ((size_t)(c1 - j->text) == strlen(state_names[s]) &&
            !memcmp(j->text, state_names[s], (size_t)(c1 - j->text)))
            j->state = (enum upgrade_state)s;
    copy_field(j->version, c1 + 1, (size_t)(c2 - c1 - 1));
    copy_field(j->previous, c2 + 1, (size_t)(nl - c2 - 1));
    j->ops = nl + 1;
    if (j->state == UPGRADE_NONE) {
        free(j->text);
        return ERR_CORRUPT;
    }
    return 0;
}

/* Writes the journal whole: a part file renamed over the old one, so a reset leaves either. */
static int journal_write(enum upgrade_state s, const char *version, const char *previous,
                         const char *ops)
{
    char part[VFS_PATH_MAX], head[2 * UPGRADE_VERSION_MAX + 16];
    vfs_file_t *f;
    int n = snprintf(head, sizeof head, "%s,%s,%s\n", state_names[s], version, previous);
    int r = file_replace_open(UPGRADE_JOURNAL, part, sizeof part, &f);
    if (r < 0)
        return r;
    r = vfs_write(f, head, (size_t)n);
    if (r >= 0)
        r = vfs_write(f, ops, strlen(ops));
    int c = vfs_close(f);
    return file_replace_commit(part, UPGRADE_JOURNAL, r < 0 ? r : c);
}

int upgrade_status(struct upgrade_status *st)
{
    struct journal j;
    memset(st, 0, sizeof *st);
    int r = journal_read(&j);
    if (r < 0)
        return r == ERR_NOENT ? 0 : r;
    st->state = j.state;
    str_copy(st->version, j.version, sizeof st->version);
    str_copy(st->previous, j.previous, sizeof st->previous);
    free(j.text);
    char *text;
    size_t len;
    if (file_read_all(UPGRADE_BOOTS, &text, &len) == 0) {
        st->boots = atoi(text);
        free(text);
    }
    return 0;
}

/* ---- the operations ---- */

/* Copies a file for the protected operation: the guard allows only the system's own writes. */
static int copy_file(const char *from, const char *to, int system)
{
    char *data;
    size_t len;
    int r = file_read_all(from, &data, &len);
    if (r < 0)
        return r;
    r = upgrade_make_parents(to);
    if (r >= 0)
        r = system ? vfs_write_all_system(to, data, len) : file_write_all(to, data, len);
    free(data);
    return r;
}

static int move(const char *from, const char *to)
{
    int r = upgrade_make_parents(to);
    return r < 0 ? r : file_rename(from, to);
}

/* One operation forwards. Each step checks what is already done, so it can run again. */
static int apply_op(char op, const char *live, const char *staged, const char *kept)
{
    int r = 0;
    switch (op) {
    case 'A':
        return file_exists(staged) ? move(staged, live) : 0;
    case 'C':
        if (!file_exists(staged))
            return 0;
        if (!file_exists(kept) && file_exists(live) && (r = move(live, kept)) < 0)
            return r;
        return move(staged, live);
    case 'D':
        return file_exists(live) && !file_exists(kept) ? move(live, kept) : 0;
    case 'P':
        if (!file_exists(staged))
            return 0;
        if (!file_exists(kept) && file_exists(live) && (r = copy_file(live, kept, 0)) < 0)
            return r;
        if ((r = copy_file(staged, live, 1)) < 0)
            return r;
        return file_unlink(staged);
    }
    return ERR_CORRUPT;
}

/* One operation backwards. */
static int undo_op(char op, const char *live, const char *kept)
{
    int r;
    switch (op) {
    case 'A':
        r = file_unlink(live);
        return r == ERR_NOENT ? 0 : r;
    case 'C':
    case 'D':
        return file_exists(kept) ? move(kept, live) : 0;
    case 'P':
        if (!file_exists(kept))
            return 0;
        if ((r = copy_file(kept, live, 1)) < 0)
            return r;
        return file_unlink(kept);
    }
    return ERR_CORRUPT;
}

/* Runs every operation of the journal, forwards (or backwards when undoing). */
static int run_ops(const char *ops, int undo, stream_t *out)
{
    size_t count = 0;
    for (const char *s = ops; *s; s++)
        count += *s == '\n';
    for (size_t k = 0; k < count; k++) {
        /* backwards: the lines from the last */
        size_t want = undo ? count - 1 - k : k, i = 0;
        const char *line = ops;
        while (i < want) {
            line = strchr(line, '\n') + 1;
            i++;
        }
        size_t n = strcspn(line, "\n");
        char live[VFS_PATH_MAX], staged[VFS_PATH_MAX], kept[VFS_PATH_MAX];
        if (n < 4 || line[1] != ' ' || n - 2 >= sizeof live)
            return ERR_CORRUPT;
        memcpy(live, line + 2, n - 2);
        live[n - 2] = '\0';
        int r = join(UPGRADE_STAGE, live, staged, sizeof staged);
        if (r >= 0)
            r = join(UPGRADE_KEEP, live, kept, sizeof kept);
        if (r >= 0)
            r = undo ? undo_op(line[0], live, kept) : apply_op(line[0], live, staged, kept);
        if (r < 0) {
            upgrade_log(out, "upgrade: %s %s: %s", undo ? "restoring" : "switching", live,
                        err_str(r));
            return r;
        }
    }
    return 0;
}

/* Removes what a finished upgrade leaves: the staging areas and the boot count. */
static void clean_up(void)
{
    upgrade_remove_tree(UPGRADE_STAGE);
    upgrade_remove_tree(UPGRADE_KEEP);
    file_unlink(UPGRADE_BOOTS);
}

static int finish_rollback(struct journal *j, stream_t *out)
{
    int r = run_ops(j->ops, 1, out);
    if (r < 0)
        return r;
    file_unlink(UPGRADE_JOURNAL);
    clean_up();
    upgrade_log(out, "upgrade: back to version %s", j->previous);
    return 0;
}

static int finish_switch(struct journal *j, stream_t *out)
{
    int r = run_ops(j->ops, 0, out);
    if (r < 0) {
        upgrade_log(out, "upgrade: the switch to %s failed, going back to %s", j->version,
                    j->previous);
        if (journal_write(UPGRADE_ROLLING_BACK, j->version, j->previous, j->ops) == 0)
            finish_rollback(j, out);
        return r;
    }
    file_unlink(UPGRADE_BOOTS);
    r = journal_write(UPGRADE_TRIAL, j->version, j->previous, j->ops);
    if (r == 0)
        upgrade_log(out, "upgrade: switched to version %s (trial until confirmed)", j->version);
    return r;
}

int upgrade_switch(const char *version, const char *previous, const char *ops, stream_t *out)
{
    int r = upgrade_make_parents(UPGRADE_JOURNAL);
    if (r >= 0)
        r = journal_write(UPGRADE_SWITCHING, version, previous, ops);
    if (r < 0)
        return r;
    struct journal j;
    if ((r = journal_read(&j)) < 0)
        return r;
    r = finish_switch(&j, out);
    free(j.text);
    return r;
}

void upgrade_resume(stream_t *out)
{
    struct journal j;
    struct vfs_stat st;
    if (file_stat(UPGRADE_DIR, &st) == ERR_NOENT)
        return;     /* nothing was ever staged: one look-up at boot instead of three */
    int r = journal_read(&j);
    if (r == ERR_NOENT) {
        if (file_exists(UPGRADE_KEEP) || file_exists(UPGRADE_STAGE))
            clean_up();        /* a commit or an abandoned download left them */
        return;
    }
    if (r < 0) {
        upgrade_log(out, "upgrade: %s: %s", UPGRADE_JOURNAL, err_str(r));
        return;
    }
    if (j.state == UPGRADE_SWITCHING) {
        upgrade_log(out, "upgrade: finishing the switch to version %s", j.version);
        finish_switch(&j, out);
    } else if (j.state == UPGRADE_ROLLING_BACK) {
        upgrade_log(out, "upgrade: finishing the rollback to version %s", j.previous);
        finish_rollback(&j, out);
    }
    free(j.text);
}

static int read_boots(void)
{
    char *text;
    size_t len;
    if (file_read_all(UPGRADE_BOOTS, &text, &len) < 0)
        return 0;
    int n = atoi(text);
    free(text);
    return n;
}

int upgrade_trial_boot(stream_t *out)
{
    struct upgrade_status st;
    if (upgrade_status(&st) < 0 || st.state != UPGRADE_TRIAL)
        return 0;
    int boots = read_boots();
    if (boots >= UPGRADE_TRIAL_BOOTS) {
        char why[96];
        snprintf(why, sizeof why, "version %s was not confirmed in %d trial boots", st.version,
                 boots);
        return upgrade_rollback(out, why) == 0 ? 2 : 0;
    }
    char text[16];
    int n = snprintf(text, sizeof text, "%d\n", boots + 1);
    file_write_all(UPGRADE_BOOTS, text, (size_t)n);
    stream_printf(out, "Trial boot %d of %d of version %s (upgrade --commit keeps it)\n",
                  boots + 1, UPGRADE_TRIAL_BOOTS, st.version);
    return 1;
}

int upgrade_commit(stream_t *out)
{
    struct journal j;
    int r = journal_read(&j);
    if (r < 0)
        return r;
    if (j.state != UPGRADE_TRIAL) {
        free(j.text);
        return ERR_BUSY;
    }
    r = file_unlink(UPGRADE_JOURNAL);       /* the one step that keeps the new version */
    if (r == 0) {
        clean_up();
        upgrade_log(out, "upgrade: version %s confirmed", j.version);
    }
    free(j.text);
    return r;
}

int upgrade_rollback(stream_t *out, const char *why)
{
    struct journal j;
    int r = journal_read(&j);
    if (r < 0)
        return r;
    if (j.state == UPGRADE_SWITCHING) {
        free(j.text);
        return ERR_BUSY;
    }
    upgrade_log(out, "upgrade: %s: rolling back to version %s", why, j.previous);
    r = journal_write(UPGRADE_ROLLING_BACK, j.version, j.previous, j.ops);
    if (r == 0)
        r = finish_rollback(&j, out);
    free(j.text);
    return r;
}
