#include "term/complete.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fs/vfs.h"
#include "kernel/command.h"
#include "lib/str.h"

static void add_match(struct completion *c, const char *text, const char *suffix)
{
    if (c->count == COMPLETE_MAX)
        return;
    for (int i = 0; i < c->count; i++)
        if (strncmp(c->match[i], text, strlen(text)) == 0 &&
            strlen(c->match[i]) == strlen(text) + strlen(suffix))
            return;               /* already there (a built-in and a /bin program) */
    size_t n = strlen(text) + strlen(suffix);
    char *m = malloc(n + 1);
    if (!m)
        return;
    snprintf(m, n + 1, "%s%s", text, suffix);
    c->match[c->count++] = m;
}

struct word {
    const char *text;
    size_t len;
    struct completion *c;
};

static void see_command(void *ctx, const char *name, const char *usage, const char *help)
{
    struct word *w = ctx;
    if (strncmp(name, w->text, w->len) == 0)
        add_match(w->c, name, " ");
}

static void complete_command(const char *word, size_t len, complete_names_fn names,
                             struct completion *c)
{
    struct word w = { word, len, c };
    if (names)
        names(see_command, &w);
    for (int i = 0; !names && i < command_count; i++)
        see_command(&w, command_table[i]->name, NULL, NULL);
    vfs_dir_t *d;
    struct vfs_dirent e;
    if (file_opendir("/bin", &d) < 0)
        return;
    while (vfs_readdir(d, &e) > 0)
        if (e.type == VFS_FILE && strncmp(e.name, word, len) == 0) {
            if (str_ends(e.name, ".sh"))
                e.name[strlen(e.name) - 3] = '\0';
            add_match(c, e.name, " ");
        }
    vfs_closedir(d);
}

static void complete_path(const char *word, size_t len, struct completion *c)
{
    char dir[VFS_PATH_MAX], prefix[VFS_PATH_MAX];
    const char *slash = NULL;
    for (size_t i = 0; i < len; i++)
        if (word[i] == '/')
            slash = word + i;
    size_t dir_len = slash ? (size_t)(slash - word) + 1 : 0;
    if (dir_len >= sizeof dir)
        return;
    memcpy(dir, word, dir_len);
    dir[dir_len] = '\0';
    const char *base = word + dir_len;
    size_t base_len = len - dir_len;
    vfs_dir_t *d;
    struct vfs_dirent e;
    if (file_opendir(dir_len ? dir : ".", &d) < 0)
        return;
    while (vfs_readdir(d, &e) > 0) {
        if (strncmp(e.name, base, base_len) != 0 || (e.name[0] == '.' && base_len == 0))
            continue;
        snprintf(prefix, sizeof prefix, "%s%s", dir, e.name);
        add_match(c, prefix, e.type == VFS_DIR ? "/" : " ");
    }
    vfs_closedir(d);
}

void complete_find(const char *line, size_t cursor, complete_names_fn names,
                   struct completion *c)
{
    size_t start = cursor, first = 1;
    c->count = 0;
    while (start > 0 && line[start - 1] != ' ')
        start--;
    for (size_t i = 0; i < start; i++)
        if (line[i] != ' ' && line[i] != ';')
            first = 0;
        else if (line[i] == ';')
            first = 1;
    c->word_start = start;
    if (first && !memchr(line + start, '/', cursor - start))
        complete_command(line + start, cursor - start, names, c);
    else
        complete_path(line + start, cursor - start, c);
}

void complete_free(struct completion *c)
{
    for (int i = 0; i < c->count; i++)
        free(c->match[i]);
    c->count = 0;
}

size_t complete_common(const struct completion *c)
{
    if (!c->count)
        return 0;
    size_t n = strlen(c->match[0]);
    for (int i = 1; i < c->count; i++) {
        size_t k = 0;
        while (k < n && c->match[i][k] == c->match[0][k])
            k++;
        n = k;
    }
    return n;
}
