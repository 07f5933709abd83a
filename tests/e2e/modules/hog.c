/* hog KB FILES DIR: takes KB of process memory and keeps FILES files open in DIR, says
 * "hog ready", then sleeps until killed (never freeing or closing anything itself). */
#include "upyos.h"

int main(int argc, char **argv)
{
    proc_t *self = proc_current();
    if (argc != 4)
        return proc_error(self, "hog", "usage: hog KB FILES DIR");
    size_t bytes = (size_t)atoi(argv[1]) * 1024;
    char *block = proc_alloc(bytes);
    if (!block)
        return proc_error(self, "hog", "out of memory");
    memset(block, 0x5a, bytes);
    for (int i = 0; i < atoi(argv[2]); i++) {
        char path[128];
        vfs_file_t *f;
        snprintf(path, sizeof path, "%s/hog%d.txt", argv[3], i);
        int r = file_open(path, VFS_O_WRITE | VFS_O_CREATE | VFS_O_TRUNC, &f);
        if (r < 0)
            return proc_error(self, "hog", "%s: %s", path, err_str(r));
        vfs_write(f, "held\n", 5);
    }
    proc_puts(self, "hog ready\n");
    while (proc_sleep_ms(60000) == 0)
        ;
    return 130;
}
