/* Files and trees as the file commands (ls, cp, mv, rm, find, grep, release, ...) use them:
 * sorted directory listings, walking a tree, copying a file, removing a tree. Errors are
 * returned, never printed: reporting them is the command's (cmd_fail, kernel/command.h). */
#ifndef CMD_FILETREE_H
#define CMD_FILETREE_H

#include <stddef.h>

#include "fs/vfs.h"
#include "kernel/proc.h"

/* dir + "/" + name into out; ERR_NAMETOOLONG when it does not fit. */
int path_join(char *out, size_t size, const char *dir, const char *name);

/* A directory's entries sorted by name, kept compactly (names in one pool) so that a
 * directory of a thousand files costs a few KB, not a thousand dirents. With DIRLIST_STATS
 * each entry also keeps its size and mtime from the listing (12 bytes more), which spares a
 * lister a stat per entry: on flash a stat scans the log. */
enum dirlist_keep { DIRLIST_NAMES, DIRLIST_STATS };
struct dirlist {
    char **names;          /* names[i][-1] is the type: 'd' or 'f'; stats lie before it */
    int count;
    char *pool;
    enum dirlist_keep keep;
};
int dirlist_read(const char *abs, struct dirlist *l, enum dirlist_keep keep);
void dirlist_free(struct dirlist *l);
static inline int dirlist_is_dir(const struct dirlist *l, int i)
{
    return l->names[i][-1] == 'd';
}
/* Entry i as a stat would give it (size and mtime are 0 unless read with DIRLIST_STATS). */
void dirlist_stat(const struct dirlist *l, int i, struct vfs_stat *st);

/* Depth-first walk below abs in sorted order. visit is called for every entry before a
 * directory is entered (returning 1 skips its contents); leave, when given, after a
 * directory's contents. A negative return ends the walk and is returned. Stops with
 * ERR_INTR when the process is told to stop. */
struct walk {
    int (*visit)(struct walk *w, const char *path, int is_dir);
    int (*leave)(struct walk *w, const char *path);
    void *ctx;
};
int tree_walk(struct walk *w, const char *abs);

/* Copies a file's bytes (creating or replacing dst). On failure *failed is the file the
 * error is about: src when reading failed, dst when writing it did (no space left, ...). */
int file_copy(const char *src, const char *dst, const char **failed);
/* Removes a file or a whole tree. */
int tree_remove(const char *abs);

/* The chunk size for streaming file data: big enough to be fast, small for a MCU. */
#define FILE_CHUNK 4096

#endif
