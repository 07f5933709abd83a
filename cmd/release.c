/* release: writes the upgrade manifest of the files on this board, for `upgrade` on others
 * (lib/manifest.h, docs/upgrade.md):
 *   #upyOS,<version>,<YYYY-MM-DD>
 *   #key,<id of /etc/upgrade.pub>      when the board has the key
 *   /path,size,sha256,
 *   #files,N
 * upyOS listed sizes only; the SHA-256 lets upgrade verify every file it fetches. The board
 * holds no private key: tools/release-sign signs the manifest on the host. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd/clock.h"
#include "cmd/filetree.h"
#include "kernel/command.h"
#include "kernel/upgrade.h"
#include "kernel/sysdata.h"
#include "lib/civil.h"
#include "lib/err.h"
#include "lib/sha256.h"
#include "lib/signature.h"

#define MANIFEST "/etc/upgrade2.inf"

static const char *const release_dirs[] = { "/bin", "/lib", "/etc", "/www" };
/* Per-board files that an upgrade must never replace. */
static const char *const skipped[] = { "system.conf", "upgrade.inf", "upgrade2.inf",
                                       "upgrade.inf.sig", "upgrade2.inf.sig" };

struct release {
    const struct cmd_ctx *ctx;          /* for errors */
    proc_t *p;
    vfs_file_t *out;
    const char *manifest;
    long files;
    char *buf;
};

static int file_digest(const char *abs, char *buf, char hex[2 * SHA256_SIZE + 1], long *size)
{
    vfs_file_t *f;
    struct sha256 s;
    uint8_t digest[SHA256_SIZE];
    int n, r = file_open(abs, VFS_O_READ, &f);
    if (r < 0)
        return r;
    sha256_init(&s);
    *size = 0;
    while ((n = vfs_read(f, buf, FILE_CHUNK)) > 0) {
        sha256_update(&s, buf, (size_t)n);
        *size += n;
    }
    vfs_close(f);
    sha256_final(&s, digest);
    sha256_hex(digest, hex);
    return n;
}

static int skip(const struct release *rel, const char *path)
{
    for (size_t i = 0; i < sizeof skipped / sizeof skipped[0]; i++)
        if (strcmp(vfs_basename(path), skipped[i]) == 0)
            return 1;
    return strcmp(path, rel->manifest) == 0;
}

static int add_file(struct walk *w, const char *path, int is_dir)
{
    struct release *rel = w->ctx;
    char hex[2 * SHA256_SIZE + 1], line[VFS_PATH_MAX + 96];
    long size;
    if (is_dir || skip(rel, path))
        return 0;
    int r = file_digest(path, rel->buf, hex, &size);
    if (r < 0)
        return cmd_fail(rel->ctx, path, r), r;
    int n = snprintf(line, sizeof line, "%s,%ld,%s,\n", path, size, hex);
    if ((r = vfs_write(rel->out, line, (size_t)n)) < 0)
        return cmd_fail(rel->ctx, rel->manifest, r), r;
    proc_printf(rel->p, "%s\n", path);
    rel->files++;
    return 0;
}

/* "#key,<id>\n" of the board's upgrade key: its length, or 0 without one. */
static int key_line(char *line, size_t size)
{
    char *pem, id[SIGNATURE_KEY_ID_LEN + 1];
    size_t len;
    if (file_read_all(UPGRADE_KEY, &pem, &len) < 0)
        return 0;
    int r = signature_key_id(pem, len, id);
    free(pem);
    return r < 0 ? 0 : snprintf(line, size, "#key,%s\n", id);
}

static int write_manifest(struct release *rel)
{
    char line[96];
    struct civil c;
    civil_from_unix(clock_local_now(), &c);
    int n = snprintf(line, sizeof line, "#upyOS,%s,%04d-%02d-%02d\n", sysdata.version, c.year,
                     c.month, c.day);
    int r = vfs_write(rel->out, line, (size_t)n);
    proc_puts(rel->p, line);
    if (r >= 0 && (n = key_line(line, sizeof line)) > 0) {
        r = vfs_write(rel->out, line, (size_t)n);
        proc_puts(rel->p, line);
    }
    struct walk w = { add_file, NULL, rel };
    for (size_t i = 0; i < sizeof release_dirs / sizeof release_dirs[0] && r >= 0; i++)
        if (file_is_dir(release_dirs[i]))
            r = tree_walk(&w, release_dirs[i]);
    if (r < 0)
        return r;
    n = snprintf(line, sizeof line, "#files,%ld\n", rel->files);
    proc_puts(rel->p, line);
    return vfs_write(rel->out, line, (size_t)n);
}

COMMAND(release, "release [MANIFEST]",
        "write the upgrade manifest (default " MANIFEST "): every file of /bin /lib /etc /www "
        "with its size and SHA-256",
        RAW_ARGS, 0, 1)
{
    char abs[VFS_PATH_MAX];
    if (cmd_resolve(ctx, argc == 2 ? argv[1] : MANIFEST, abs))
        return 1;
    struct release rel = { ctx, p, NULL, abs, 0, malloc(FILE_CHUNK) };
    if (!rel.buf)
        return cmd_error(ctx, "%s", err_str(ERR_NOMEM));
    int r = file_open(abs, VFS_O_WRITE | VFS_O_CREATE | VFS_O_TRUNC, &rel.out);
    if (r < 0) {
        free(rel.buf);
        return cmd_fail(ctx, abs, r);
    }
    r = write_manifest(&rel);
    int c = vfs_close(rel.out);
    free(rel.buf);
    if (r < 0 || c < 0)
        return r == ERR_INTR ? 130 : r < 0 ? 1 : cmd_fail(ctx, abs, c);
    proc_printf(p, "\nRelease file %s created with %ld files\n", abs, rel.files);
    proc_set_result(p, value_int(rel.files));
    return 0;
}
