/* The posix simulator's entry: parse the options, mount the root, hand over to the kernel.
 *   upyos [--root DIR] [-r]        boot with DIR as "/" (hostfs)
 *   upyos --commands-md            print the command reference (docs/commands.md) */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "fs/ramfs.h"
#include "fs/vfs.h"
#include "kernel/boot.h"
#include "kernel/command.h"
#include "posix_port.h"

#define RAM_ROOT_LIMIT (1024 * 1024)

struct options {
    const char *root_dir;
    int recovery;
};

static void usage(FILE *f)
{
    fprintf(f, "usage: upyos [--root DIR] [-r]\n"
               "  --root DIR   use the host directory DIR as the root filesystem\n"
               "  -r           recovery mode: do not run /etc/init.sh\n"
               "  --commands-md  print the command reference in Markdown\n"
               "Without --root the root is an empty RAM disk.\n");
}

static void print_commands_md(void)
{
    printf("# Commands\n\nGenerated from the command declarations in cmd/ "
           "(`upyos --commands-md`); every command also answers `--help`.\n\n");
    printf("| command | what it does |\n|---|---|\n");
    for (int i = 0; i < command_count; i++)
        printf("| `%s` | %s |\n", command_table[i]->name, command_table[i]->help);
    for (int i = 0; i < command_count; i++)
        printf("\n## %s\n\n%s\n\n```\n%s\n```\n", command_table[i]->name,
               command_table[i]->help, command_table[i]->usage);
}

static int parse(int argc, char **argv, struct options *o)
{
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--root") == 0 && i + 1 < argc) {
            o->root_dir = argv[++i];
        } else if (strcmp(argv[i], "-r") == 0) {
            o->recovery = 1;
        } else if (strcmp(argv[i], "--commands-md") == 0) {
            print_commands_md();
            exit(0);
        } else if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            usage(stdout);
            exit(0);
        } else {
            fprintf(stderr, "upyos: unknown option %s\n", argv[i]);
            usage(stderr);
            return -1;
        }
    }
    return 0;
}

static int mount_root(const struct options *o, char *desc, size_t size)
{
    if (o->root_dir) {
        struct stat st;
        char *real = realpath(o->root_dir, NULL);
        if (!real || stat(real, &st) < 0 || !S_ISDIR(st.st_mode)) {
            fprintf(stderr, "upyos: %s: not a directory\n", o->root_dir);
            free(real);
            return -1;
        }
        snprintf(desc, size, "hostfs %s", real);
        void *fs = hostfs_new(real);
        free(real);
        return vfs_mount("/", &hostfs_ops, fs);
    }
    snprintf(desc, size, "ramfs");
    return vfs_mount("/", &ramfs_ops, ramfs_new(RAM_ROOT_LIMIT));
}

/* A reboot starts the simulator afresh, as a board would, with the same options. */
static void reboot(char **argv)
{
    posix_console_restore();
    fflush(NULL);
    execv("/proc/self/exe", argv);
    perror("upyos: reboot");
    exit(1);
}

int main(int argc, char **argv)
{
    struct options o = { NULL, 0 };
    char desc[512];
    if (parse(argc, argv, &o) < 0)
        return 2;
    if (mount_root(&o, desc, sizeof desc) < 0)
        return 1;
    posix_board_init();
    posix_console_init();
    struct boot_options bo = { o.recovery, desc };
    enum kernel_exit how = kernel_main(&bo);
    vfs_unmount_all();
    posix_console_restore();
    if (how == KERNEL_EXIT_REBOOT)
        reboot(argv);
    return 0;
}
