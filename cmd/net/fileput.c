/* fileput: the receiving end of `fleet push` (docs/mqtt.md). A file arrives as base64 chunks,
 * each a shell line of its own (a signed fleet request), into FILE.push beside FILE; --commit
 * checks the whole file's SHA-256 and only then renames it over FILE, so a push that was cut
 * off or damaged on the way leaves FILE as it was. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kernel/command.h"
#include "lib/base64.h"
#include "lib/err.h"
#include "lib/sha256.h"

#define READ_CHUNK 512

/* Chunks come in order: each must start where the part file ends (0 starts it afresh);
 * ERR_INVAL when it does not. */
static int open_at(const char *part, long offset, vfs_file_t **f)
{
    struct vfs_stat st;
    if (offset == 0)
        return file_open(part, VFS_O_WRITE | VFS_O_CREATE | VFS_O_TRUNC, f);
    int r = file_stat(part, &st);
    if (r == 0 && (long)st.size != offset)
        r = ERR_INVAL;
    return r < 0 ? r : file_open(part, VFS_O_WRITE | VFS_O_APPEND, f);
}

static int write_chunk(const char *part, long offset, const uint8_t *bytes, size_t n)
{
    vfs_file_t *f;
    int r = open_at(part, offset, &f);
    if (r < 0)
        return r;
    r = vfs_write(f, bytes, n);
    int c = vfs_close(f);
    return r < 0 ? r : c;
}

static int append_chunk(const struct cmd_ctx *ctx, const char *part, const char *offset_text,
                        const char *text)
{
    char *end;
    long offset = strtol(offset_text, &end, 10);
    if (*end || offset < 0)
        return cmd_error(ctx, "%s: not an offset", offset_text);
    size_t len = strlen(text);
    uint8_t *bytes = malloc(len / 4 * 3 + 3);
    if (!bytes)
        return cmd_fail(ctx, part, ERR_NOMEM);
    long n = base64_decode(text, len, bytes);
    int r = n < 0 ? 0 : write_chunk(part, offset, bytes, (size_t)n);
    free(bytes);
    if (n < 0)
        return cmd_error(ctx, "the chunk is not base64");
    if (r == ERR_INVAL)
        return cmd_error(ctx, "%s: the chunk is not for offset %ld (chunks come in order)", part,
                         offset);
    return r < 0 ? cmd_fail(ctx, part, r) : 0;
}

static int file_sha256(const char *path, char hex[2 * SHA256_SIZE + 1])
{
    vfs_file_t *f;
    int r = file_open(path, VFS_O_READ, &f);
    if (r < 0)
        return r;
    struct sha256 s;
    uint8_t buf[READ_CHUNK], digest[SHA256_SIZE];
    sha256_init(&s);
    while ((r = vfs_read(f, buf, sizeof buf)) > 0)
        sha256_update(&s, buf, (size_t)r);
    vfs_close(f);
    sha256_final(&s, digest);
    sha256_hex(digest, hex);
    return r;
}

static int commit(const struct cmd_ctx *ctx, const char *part, const char *abs,
                  const char *want)
{
    char got[2 * SHA256_SIZE + 1];
    int r = file_sha256(part, got);
    if (r < 0)
        return cmd_fail(ctx, part, r);
    if (strcmp(got, want)) {
        file_unlink(part);
        return cmd_error(ctx, "%s: SHA-256 %s is not the one sent: left as it was", abs, got);
    }
    r = file_rename(part, abs);
    return r < 0 ? cmd_fail(ctx, abs, r) : 0;
}

COMMAND(fileput, "fileput FILE OFFSET BASE64 | fileput FILE --commit SHA256",
        "write FILE.push in base64 chunks, then put it in FILE's place if its SHA-256 matches",
        RAW_ARGS, 3, 3, .missing = "missing file, offset or data")
{
    char abs[VFS_PATH_MAX], part[VFS_PATH_MAX];
    if (cmd_resolve(ctx, argv[1], abs))
        return 1;
    if ((size_t)snprintf(part, sizeof part, "%s.push", abs) >= sizeof part)
        return cmd_fail(ctx, argv[1], ERR_NAMETOOLONG);
    if (!strcmp(argv[2], "--commit"))
        return commit(ctx, part, abs, argv[3]);
    return append_chunk(ctx, part, argv[2], argv[3]);
}
