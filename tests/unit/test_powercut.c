/* Power-cut harness: a random workload runs on the flash model, power is cut after the
 * k-th program or erase (tearing that operation), the image is mounted again and must hold
 * exactly the state after the last completed durable call, or after the one in flight.
 *
 * Durable calls are sync, close, rename, unlink, mkdir and rmdir; writes and truncates
 * count only once a sync or close completes. A file an open creates is made by its first
 * sync or close, or, as an empty file, by the next call that looks up names (an open of
 * another file here), before that call's own change. After each recovery the
 * workload continues (sometimes with a second cut) and is checked again.
 *
 *   POWERCUT_CUTS=100000 ./test_powercut      long run (default 2000 cuts)
 *   POWERCUT_SEED=n                            start from another seed */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <cmocka.h>

#include "fs/flashfs/flashfs.h"
#include "lib/err.h"
#include "support/flash_model.h"

#define BLOCK 4096u
#define PROG 4u             /* the ports' drivers: commits packed into pages */
#define PAGE 256u           /* a device that programs whole pages only */
#define BLOCKS 96u
#define MAX_NODES 40
#define PATH_LEN 48
#define STEPS 24

struct node {
    char path[PATH_LEN];
    int is_dir;
    uint8_t *data;
    uint32_t len;
};

struct state {
    struct node n[MAX_NODES];
    int count;
};

enum delta_kind { D_NONE, D_SET_FILE, D_REMOVE, D_MKDIR, D_RENAME };

/* The effect of the durable call in flight. */
struct delta {
    enum delta_kind kind;
    char path[PATH_LEN], to[PATH_LEN];
    uint8_t *data;     /* owned: outlives the buffers of the call */
    uint32_t len;
};

static int verbose;   /* POWERCUT_VERBOSE: 1 explains a mismatch, 2 traces every call */

struct harness {
    struct flash_model *flash;
    struct vfs_mount m;
    struct state durable;
    struct delta delta;
    struct flashfs_config cfg;   /* half the seeds run with the metadata cache on */
    uint32_t rng;
    int cut;
    char created[2][PATH_LEN];   /* opened with O_CREATE, not made yet */
    int ncreated;
    int settling;                /* the call in flight makes them first */
};

/* ---- reference state ---- */

static int st_find(const struct state *s, const char *path)
{
    for (int i = 0; i < s->count; i++)
        if (strcmp(s->n[i].path, path) == 0)
            return i;
    return -1;
}

static void st_remove(struct state *s, const char *path)
{
    int i = st_find(s, path);
    if (i < 0)
        return;
    free(s->n[i].data);
    s->n[i] = s->n[--s->count];
}

static void st_set(struct state *s, const char *path, int is_dir, const uint8_t *data, uint32_t len)
{
    int i = st_find(s, path);
    if (i < 0) {
        assert_true(s->count < MAX_NODES);
        i = s->count++;
        snprintf(s->n[i].path, PATH_LEN, "%s", path);
    } else {
        free(s->n[i].data);
    }
    s->n[i].is_dir = is_dir;
    s->n[i].len = len;
    s->n[i].data = malloc(len ? len : 1);
    if (len)
        memcpy(s->n[i].data, data, len);
}

static int is_under(const char *path, const char *dir)
{
    size_t n = strlen(dir);
    return strncmp(path, dir, n) == 0 && path[n] == '/';
}

static void st_rename(struct state *s, const char *from, const char *to)
{
    char old[PATH_LEN];
    if (strcmp(from, to) == 0)
        return;   /* renaming onto itself changes nothing */
    snprintf(old, sizeof old, "%s", from);
    st_remove(s, to);
    for (int i = 0; i < s->count; i++) {
        char *p = s->n[i].path;
        if (strcmp(p, old) == 0 || is_under(p, old)) {
            char moved[PATH_LEN * 2];
            snprintf(moved, sizeof moved, "%s%s", to, p + strlen(old));
            assert_true(strlen(moved) < PATH_LEN);
            memcpy(p, moved, strlen(moved) + 1);
        }
    }
}

static void st_apply(struct state *s, const struct delta *d)
{
    switch (d->kind) {
    case D_SET_FILE: st_set(s, d->path, 0, d->data, d->len); break;
    case D_REMOVE: st_remove(s, d->path); break;
    case D_MKDIR: st_set(s, d->path, 1, NULL, 0); break;
    case D_RENAME: st_rename(s, d->path, d->to); break;
    case D_NONE: break;
    }
}

static void st_copy(struct state *dst, const struct state *src)
{
    dst->count = 0;
    for (int i = 0; i < src->count; i++)
        st_set(dst, src->n[i].path, src->n[i].is_dir, src->n[i].data, src->n[i].len);
}

static void st_add_empty(struct state *s, const char *path)
{
    struct delta d = { .kind = D_SET_FILE, .data = (uint8_t *)"", .len = 0 };
    snprintf(d.path, PATH_LEN, "%s", path);
    st_apply(s, &d);
}

static void st_clear(struct state *s)
{
    while (s->count)
        st_remove(s, s->n[0].path);
}

static int st_has_children(const struct state *s, const char *dir)
{
    for (int i = 0; i < s->count; i++)
        if (is_under(s->n[i].path, dir))
            return 1;
    return 0;
}

/* ---- comparing the filesystem with a state ---- */

static int count_tree(struct harness *h, const char *dir, int *count)
{
    void *d;
    struct vfs_dirent ent;
    int rc;
    if (flashfs_ops.opendir(&h->m, dir, &d) != 0)
        return 0;
    while ((rc = flashfs_ops.readdir(&h->m, d, &ent)) == 1) {
        char path[PATH_LEN * 2];
        snprintf(path, sizeof path, "%s/%s", strcmp(dir, "/") ? dir : "", ent.name);
        ++*count;
        if (ent.type == VFS_DIR && !count_tree(h, path, count))
            rc = -1;
    }
    flashfs_ops.closedir(&h->m, d);
    return rc == 0;
}

static int node_matches(struct harness *h, const struct node *n)
{
    struct vfs_stat st;
    if (flashfs_ops.stat(&h->m, n->path, &st) != 0)
        return 0;
    if (n->is_dir)
        return st.type == VFS_DIR;
    if (st.type != VFS_FILE || st.size != n->len)
        return 0;
    void *f;
    uint8_t *buf = malloc(n->len + 1);
    int ok = flashfs_ops.open(&h->m, n->path, VFS_O_READ, &f) == 0;
    if (ok) {
        ok = flashfs_ops.read(&h->m, f, buf, n->len + 1) == (int)n->len &&
             memcmp(buf, n->data, n->len) == 0;
        flashfs_ops.close(&h->m, f);
    }
    free(buf);
    return ok;
}

static int fs_matches(struct harness *h, const struct state *s)
{
    int count = 0;
    if (!count_tree(h, "/", &count) || count != s->count) {
        if (verbose)
            fprintf(stderr, "tree has %d entries, state %d\n", count, s->count);
        return 0;
    }
    for (int i = 0; i < s->count; i++) {
        if (!node_matches(h, &s->n[i])) {
            if (verbose)
                fprintf(stderr, "differs: %s\n", s->n[i].path);
            return 0;
        }
    }
    return 1;
}

static void dump_state(const char *title, const struct state *s)
{
    fprintf(stderr, "%s:\n", title);
    for (int i = 0; i < s->count; i++)
        fprintf(stderr, "  %s %s %u\n", s->n[i].is_dir ? "dir " : "file", s->n[i].path,
                (unsigned)s->n[i].len);
}

/* ---- calls against the filesystem ---- */

static uint32_t rnd(struct harness *h)
{
    h->rng ^= h->rng << 13;
    h->rng ^= h->rng >> 17;
    h->rng ^= h->rng << 5;
    return h->rng;
}

static uint32_t below(struct harness *h, uint32_t n)
{
    return n ? rnd(h) % n : 0;
}

/* Records the outcome of a call; returns 1 to go on, 0 when the power is gone. */
static int done(struct harness *h, long rc, const char *what)
{
    if (verbose > 1)
        fprintf(stderr, "  %s %s %s -> %ld\n", what, h->delta.path, h->delta.to, rc);
    if (rc < 0) {
        if (h->flash->powered_off) {
            h->cut = 1;
            return 0;
        }
        fail_msg("%s failed without a power cut: %ld (%s)", what, rc, err_str((int)rc));
    }
    if (h->settling) {
        for (int i = 0; i < h->ncreated; i++)
            st_add_empty(&h->durable, h->created[i]);
        h->ncreated = h->settling = 0;
    }
    st_apply(&h->durable, &h->delta);
    for (int i = 0; h->delta.kind == D_SET_FILE && i < h->ncreated; i++)
        if (strcmp(h->created[i], h->delta.path) == 0)
            memmove(h->created[i], h->created[--h->ncreated], PATH_LEN);
    h->delta.kind = D_NONE;
    return 1;
}

/* Before an open: it makes the files other opens created first. */
static void open_settles(struct harness *h)
{
    h->settling = h->ncreated > 0;
}

static void note_created(struct harness *h, const char *path)
{
    snprintf(h->created[h->ncreated++], PATH_LEN, "%s", path);
}

static void expect(struct harness *h, enum delta_kind kind, const char *path, const char *to,
                   const uint8_t *data, uint32_t len)
{
    h->delta.kind = kind;
    snprintf(h->delta.path, PATH_LEN, "%s", path);
    snprintf(h->delta.to, PATH_LEN, "%s", to ? to : "");
    free(h->delta.data);
    h->delta.data = malloc(len + 1);
    if (len)
        memcpy(h->delta.data, data, len);
    h->delta.len = len;
}

static const char *const dirs[] = { "/a", "/b", "/a/c", "/b/d", "/e" };

static void parent_of(const char *path, char *out)
{
    snprintf(out, PATH_LEN, "%s", path);
    char *slash = strrchr(out, '/');
    if (slash == out)
        out[1] = '\0';
    else
        *slash = '\0';
}

static int parent_is_dir(const struct state *s, const char *path)
{
    char parent[PATH_LEN];
    parent_of(path, parent);
    if (strcmp(parent, "/") == 0)
        return 1;
    int i = st_find(s, parent);
    return i >= 0 && s->n[i].is_dir;
}

/* A random file path whose parent exists. */
static void random_file_path(struct harness *h, char *out)
{
    for (;;) {
        uint32_t d = below(h, 6);
        snprintf(out, PATH_LEN, "%s/f%u", d < 5 ? dirs[d] : "", (unsigned)below(h, 5));
        if (parent_is_dir(&h->durable, out))
            return;
    }
}

static int pick(struct harness *h, int want_dir)
{
    int idx[MAX_NODES], n = 0;
    for (int i = 0; i < h->durable.count; i++)
        if (h->durable.n[i].is_dir == want_dir)
            idx[n++] = i;
    return n ? idx[below(h, (uint32_t)n)] : -1;
}

static uint32_t random_size(struct harness *h)
{
    uint32_t r = below(h, 10);
    return r < 5 ? below(h, 200) : r < 7 ? 200 + below(h, 100) : r < 9 ? 300 + below(h, 5000)
                                                                        : 5000 + below(h, 9000);
}

/* Writes `len` random bytes at pos in up to three calls, mirroring them into content. */
static int write_chunks(struct harness *h, void *f, uint8_t **content, uint32_t *clen,
                        uint32_t pos, uint32_t len)
{
    uint8_t *data = malloc(len + 1);
    for (uint32_t i = 0; i < len; i++)
        data[i] = (uint8_t)rnd(h);
    if (pos + len > *clen) {
        *content = realloc(*content, pos + len + 1);
        memset(*content + *clen, 0, pos + len - *clen);
        *clen = pos + len;
    }
    memcpy(*content + pos, data, len);
    int ok = 1;
    for (uint32_t off = 0; ok && off < len;) {
        uint32_t n = 1 + below(h, len - off);
        if (below(h, 3) == 0)
            n = len - off;
        ok = done(h, flashfs_ops.write(&h->m, f, data + off, n) == (int)n ? 0 : -1, "write");
        off += n;
    }
    free(data);
    return ok;
}

/* Opens an existing file (or a new one), changes it in one of several ways and closes it,
 * syncing on the way now and then. */
static int edit_file(struct harness *h, int create)
{
    char path[PATH_LEN];
    uint8_t *content = malloc(1);
    uint32_t clen = 0;
    int flags = VFS_O_READ | VFS_O_WRITE, how = (int)below(h, 4);
    void *f;
    if (create) {
        random_file_path(h, path);
        if (st_find(&h->durable, path) >= 0) {
            free(content);
            return 1;
        }
        flags |= VFS_O_CREATE | VFS_O_EXCL;
        h->delta.kind = D_NONE;   /* made by the first sync or close */
    } else {
        int i = pick(h, 0);
        if (i < 0) {
            free(content);
            return 1;
        }
        snprintf(path, PATH_LEN, "%s", h->durable.n[i].path);
        clen = h->durable.n[i].len;
        content = realloc(content, clen + 1);
        memcpy(content, h->durable.n[i].data, clen);
        if (how == 3) {
            flags |= VFS_O_TRUNC;
            clen = 0;
        }
    }
    open_settles(h);
    int ok = done(h, flashfs_ops.open(&h->m, path, flags, &f), "open");
    if (!ok) {
        free(content);
        return 0;
    }
    if (create)
        note_created(h, path);
    for (int round = 0; ok && round < 1 + (int)below(h, 2); round++) {
        if (how == 2 && !create) {
            uint32_t size = below(h, clen + 3000);
            ok = done(h, flashfs_ops.truncate(&h->m, f, size), "truncate");
            content = realloc(content, size + 1);
            if (size > clen)
                memset(content + clen, 0, size - clen);
            clen = size;
        } else {
            uint32_t pos = how == 1 ? clen : below(h, clen + 1);
            if (ok)
                ok = done(h, flashfs_ops.seek(&h->m, f, pos, VFS_SEEK_SET) == (long)pos ? 0 : -1,
                          "seek");
            if (ok)
                ok = write_chunks(h, f, &content, &clen, pos, random_size(h));
        }
        if (ok && below(h, 3) == 0) {
            expect(h, D_SET_FILE, path, NULL, content, clen);
            ok = done(h, flashfs_ops.sync(&h->m, f), "sync");
        }
    }
    if (ok) {
        expect(h, D_SET_FILE, path, NULL, content, clen);
        ok = done(h, flashfs_ops.close(&h->m, f), "close");
    } else {
        flashfs_ops.close(&h->m, f);   /* the power is gone: only frees the handle */
    }
    free(content);
    return ok;
}

/* Two files written at the same time, block by block in turns, each committed by its own
 * close: their write sessions must not take each other's blocks. */
static int edit_two_files(struct harness *h)
{
    char path[2][PATH_LEN];
    uint8_t *content[2];
    uint32_t clen[2];
    void *f[2];
    int ok = 1, opened = 0;
    for (int k = 0; k < 2; k++) {
        random_file_path(h, path[k]);
        int i = st_find(&h->durable, path[k]);
        if ((i >= 0 && h->durable.n[i].is_dir) || (k == 1 && strcmp(path[0], path[1]) == 0))
            break;
        clen[k] = i >= 0 ? h->durable.n[i].len : 0;
        content[k] = malloc(clen[k] + 1);
        if (clen[k])
            memcpy(content[k], h->durable.n[i].data, clen[k]);
        h->delta.kind = D_NONE;   /* a new file is made by its close */
        open_settles(h);
        ok = done(h, flashfs_ops.open(&h->m, path[k], VFS_O_WRITE | VFS_O_CREATE, &f[k]), "open");
        if (!ok) {
            free(content[k]);
            break;
        }
        if (i < 0)
            note_created(h, path[k]);
        opened++;
    }
    for (int round = 0; ok && opened == 2 && round < 4; round++) {
        int k = round % 2;
        uint32_t pos = below(h, clen[k] + 1);
        ok = done(h, flashfs_ops.seek(&h->m, f[k], pos, VFS_SEEK_SET) == (long)pos ? 0 : -1, "seek");
        if (ok)
            ok = write_chunks(h, f[k], &content[k], &clen[k], pos, 1000 + below(h, 6000));
    }
    for (int k = opened - 1; k >= 0; k--) {
        if (ok && opened == 2) {
            expect(h, D_SET_FILE, path[k], NULL, content[k], clen[k]);
            ok = done(h, flashfs_ops.close(&h->m, f[k]), "close");
        } else if (ok) {
            /* the second path was unusable: nothing written; a new file is made empty */
            expect(h, D_SET_FILE, path[k], NULL, content[k], clen[k]);
            ok = done(h, flashfs_ops.close(&h->m, f[k]), "close");
        } else {
            flashfs_ops.close(&h->m, f[k]);
        }
        free(content[k]);
    }
    return ok;
}

static int rename_file(struct harness *h)
{
    int i = pick(h, 0);
    char to[PATH_LEN];
    if (i < 0)
        return 1;
    random_file_path(h, to);
    int j = st_find(&h->durable, to);
    if (j >= 0 && h->durable.n[j].is_dir)
        return 1;
    expect(h, D_RENAME, h->durable.n[i].path, to, NULL, 0);
    return done(h, flashfs_ops.rename(&h->m, h->delta.path, to), "rename");
}

static int rename_dir(struct harness *h)
{
    int i = pick(h, 1);
    if (i < 0)
        return 1;
    const char *to = dirs[below(h, 5)];
    const char *from = h->durable.n[i].path;
    if (st_find(&h->durable, to) >= 0 || !parent_is_dir(&h->durable, to) ||
        is_under(to, from))
        return 1;
    expect(h, D_RENAME, from, to, NULL, 0);
    return done(h, flashfs_ops.rename(&h->m, h->delta.path, to), "rename dir");
}

static int remove_one(struct harness *h)
{
    int i = pick(h, 0);
    if (i < 0)
        return 1;
    expect(h, D_REMOVE, h->durable.n[i].path, NULL, NULL, 0);
    return done(h, flashfs_ops.unlink(&h->m, h->delta.path), "unlink");
}

static int make_dir(struct harness *h)
{
    const char *path = dirs[below(h, 5)];
    if (st_find(&h->durable, path) >= 0 || !parent_is_dir(&h->durable, path))
        return 1;
    expect(h, D_MKDIR, path, NULL, NULL, 0);
    return done(h, flashfs_ops.mkdir(&h->m, path), "mkdir");
}

static int remove_dir(struct harness *h)
{
    int i = pick(h, 1);
    if (i < 0 || st_has_children(&h->durable, h->durable.n[i].path))
        return 1;
    expect(h, D_REMOVE, h->durable.n[i].path, NULL, NULL, 0);
    return done(h, flashfs_ops.rmdir(&h->m, h->delta.path), "rmdir");
}

/* Runs up to n random steps; returns 0 as soon as the power is cut. Too many files for
 * the reference make it delete instead of create. */
static int run_steps(struct harness *h, int n)
{
    for (int s = 0; s < n; s++) {
        uint32_t r = below(h, 100);
        int ok;
        if (h->durable.count > MAX_NODES - 4)
            r = 80;
        if (r < 28)
            ok = edit_file(h, 1);
        else if (r < 56)
            ok = edit_file(h, 0);
        else if (r < 62)
            ok = edit_two_files(h);
        else if (r < 72)
            ok = rename_file(h);
        else if (r < 77)
            ok = rename_dir(h);
        else if (r < 88)
            ok = remove_one(h);
        else if (r < 95)
            ok = make_dir(h);
        else
            ok = remove_dir(h);
        if (!ok)
            return 0;
    }
    return 1;
}

/* ---- one trial ---- */

static void harness_start(struct harness *h, uint32_t seed)
{
    memset(h, 0, sizeof *h);
    h->flash = flash_model_new(BLOCK, BLOCKS, seed % 5 == 4 ? PAGE : PROG);
    assert_int_equal(flashfs_format(&h->flash->dev), 0);
    h->cfg.cache_size = seed % 2 ? 2048 : 0;
    /* the name index: the default, one the workload outgrows (look-ups fall back to scans
     * until a compaction rebuilds it), or none */
    h->cfg.index_entries = seed % 3 == 0 ? 0 : seed % 3 == 1 ? 8 : FLASHFS_INDEX_OFF;
    assert_int_equal(flashfs_mount(&h->flash->dev, &h->cfg, &h->m.fs), 0);
    h->m.ops = &flashfs_ops;
    h->rng = seed * 2654435761u + 1;
    if (h->rng == 0)
        h->rng = 0x9E3779B9u;   /* xorshift never leaves 0 */
}

static void harness_end(struct harness *h)
{
    assert_int_equal(h->flash->violations, 0);
    flashfs_unmount(h->m.fs);
    st_clear(&h->durable);
    free(h->delta.data);
    flash_model_free(h->flash);
}

/* After a cut: the image must mount, pass fsck, and show the durable state or the state
 * after the call that was in flight. */
static void recover_and_check(struct harness *h, uint32_t seed, long k)
{
    struct flashfs_fsck_report r;
    flashfs_unmount(h->m.fs);   /* frees RAM only: the device is off */
    flash_model_power_on(h->flash);
    int problems = flashfs_fsck(&h->flash->dev, 0, &r);
    if (problems != 0)
        fail_msg("seed %u cut %ld: fsck found %d problems", (unsigned)seed, k, problems);
    int err = flashfs_mount(&h->flash->dev, &h->cfg, &h->m.fs);
    if (err)
        fail_msg("seed %u cut %ld: mount failed %d", (unsigned)seed, k, err);
    /* the call in flight: nothing of it, some or all of the files it made first, or all
     * of them and its own change */
    struct state after = { .count = 0 };
    int settled = h->settling ? h->ncreated : 0, ok = 0;
    for (int subset = 0; subset < 1 << settled && !ok; subset++) {
        st_clear(&after);
        st_copy(&after, &h->durable);
        for (int i = 0; i < settled; i++)
            if (subset & 1 << i)
                st_add_empty(&after, h->created[i]);
        ok = fs_matches(h, &after);
    }
    if (!ok) {
        st_apply(&after, &h->delta);
        ok = fs_matches(h, &after);
    }
    if (ok) {
        st_clear(&h->durable);
        st_copy(&h->durable, &after);
    } else {
        dump_state("durable", &h->durable);
        dump_state("after the call in flight", &after);
    }
    st_clear(&after);
    h->delta.kind = D_NONE;
    h->ncreated = h->settling = 0;   /* the handles went with the power */
    if (!ok)
        fail_msg("seed %u cut %ld: image matches neither state", (unsigned)seed, k);
}

static long count_flash_ops(uint32_t seed)
{
    struct harness h;
    harness_start(&h, seed);
    uint64_t before = h.flash->prog_ops + h.flash->erase_ops;
    assert_true(run_steps(&h, STEPS));
    long total = (long)(h.flash->prog_ops + h.flash->erase_ops - before);
    assert_true(fs_matches(&h, &h.durable));
    harness_end(&h);
    return total;
}

static void one_trial(uint32_t seed, long k, uint32_t tear_seed)
{
    struct harness h;
    harness_start(&h, seed);
    flash_model_cut_after(h.flash, k, tear_seed);
    if (run_steps(&h, STEPS)) {
        harness_end(&h);   /* the workload finished first; nothing to check */
        return;
    }
    recover_and_check(&h, seed, k);
    /* the recovered image must take more work, and survive another cut while doing it */
    if (tear_seed % 3 == 0)
        flash_model_cut_after(h.flash, (long)(tear_seed % 40), tear_seed);
    if (!run_steps(&h, 6))
        recover_and_check(&h, seed, k);
    flash_model_power_on(h.flash);
    flashfs_unmount(h.m.fs);
    assert_int_equal(flashfs_mount(&h.flash->dev, &h.cfg, &h.m.fs), 0);
    if (!fs_matches(&h, &h.durable)) {
        verbose = 1;
        fs_matches(&h, &h.durable);
        dump_state("durable", &h.durable);
        fail_msg("seed %u cut %ld: wrong state after recovery and more work", (unsigned)seed, k);
    }
    harness_end(&h);
}

static long env_long(const char *name, long fallback)
{
    const char *v = getenv(name);
    return v && *v ? strtol(v, NULL, 10) : fallback;
}

static void test_power_cuts(void **state)
{
    (void)state;
    long cuts = env_long("POWERCUT_CUTS", 2000);
    verbose = (int)env_long("POWERCUT_VERBOSE", 0);
    uint32_t seed0 = (uint32_t)env_long("POWERCUT_SEED", 1);
    clock_t start = clock();
    long done_cuts = 0;
    for (uint32_t seed = seed0; done_cuts < cuts; seed++) {
        long total = count_flash_ops(seed);
        if (total == 0)
            continue;
        for (int i = 0; i < 10 && done_cuts < cuts; i++, done_cuts++) {
            uint32_t tear = seed * 7919u + (uint32_t)i * 104729u + 1;
            one_trial(seed, (long)(tear % (uint32_t)total), tear);
        }
    }
    printf("power cuts: %ld in %.1f s\n", done_cuts, (double)(clock() - start) / CLOCKS_PER_SEC);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_power_cuts),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
