/* Release manifests, upyOS's format with SHA-256 hashes and the signing key's id:
 *   #upyOS,<version>,<YYYY-MM-DD>
 *   #key,<key id>                      16 hex digits (optional; signed releases have it)
 *   /path,size,sha256,[protected]      one line per file; "protected": the release replaces
 *                                      the file even though the board protects it (pfiles)
 *   #files,N
 * upyOS wrote sha1 hashes and "#upyOS-C" was this project's first header: the parser reads
 * "#upyOS" and "#upyOS-C" headers with SHA-256 hashes. Pure: text in, fields out. */
#ifndef LIB_MANIFEST_H
#define LIB_MANIFEST_H

#include <stddef.h>
#include <stdint.h>

#define MANIFEST_PATH_MAX 256        /* with the NUL, as VFS_PATH_MAX */
#define MANIFEST_VERSION_MAX 32
#define MANIFEST_KEY_ID_LEN 16
#define MANIFEST_SIZE_MAX 0x7fffffffL

enum { MANIFEST_PROTECTED = 1 };

struct manifest_head {
    char version[MANIFEST_VERSION_MAX];
    char date[11];
    char key_id[MANIFEST_KEY_ID_LEN + 1];   /* "" when the manifest has no key line */
    long files;
};

struct manifest_entry {
    char path[MANIFEST_PATH_MAX];
    long size;
    uint8_t sha256[32];
    int flags;
};

/* Reads the entries of a manifest that manifest_check accepted, in order. */
struct manifest_reader {
    const char *text;
    size_t len, pos;
    int line;
};

/* Checks the whole text: the header, the key line, every entry (absolute clean path, no
 * repeated path, size, 64 hex digits, known flags), the count line matching the entries and
 * nothing after it. Fills head. 0, or ERR_INVAL with *bad_line the first wrong line (1-based). */
int manifest_check(const char *text, size_t len, struct manifest_head *head, int *bad_line);

void manifest_begin(struct manifest_reader *r, const char *text, size_t len);
/* The next entry: 1, 0 after the last one, or ERR_INVAL on a malformed line. */
int manifest_next(struct manifest_reader *r, struct manifest_entry *e);
/* The entry for path: 1 and *e filled, or 0. */
int manifest_find(const char *text, size_t len, const char *path, struct manifest_entry *e);

/* Orders versions "1.2.10" > "1.2.9": dotted parts compared as numbers when both are digits,
 * else as text. < 0, 0, > 0 as strcmp. */
int manifest_version_cmp(const char *a, const char *b);

#endif
