/* The boot and shutdown sequences (upyOS's order, see docs/architecture.md). */
#include "kernel/boot.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fs/ramfs.h"
#include "fs/vfs.h"
#include "hal/system.h"
#include "hal/time.h"
#include "kernel/board.h"
#include "kernel/config.h"
#include "kernel/console.h"
#include "kernel/env.h"
#include "kernel/proc.h"
#include "kernel/shutdown.h"
#include "kernel/sysdata.h"
#include "lib/err.h"
#include "lib/str.h"
#include "shell/session.h"
#include "shell/shell.h"

#define INIT_SCRIPT "/etc/init.sh"
#define END_SCRIPT "/etc/end.sh"
#define BOOT_ATTEMPTS "/var/boot.attempts"
#define TMP_LIMIT (64 * 1024)
/* Boots in a row that did not reach the prompt before recovery mode starts by itself. */
#define FAILED_BOOTS_FOR_RECOVERY 2
/* A key on the console this soon after the boot starts asks for recovery mode. The boot does
 * not wait for it: init.sh starts at once and the key stops it. */
#define RECOVERY_KEY_WINDOW_US 1000000

static const char *const folders[] = {
    "/bin", "/etc", "/etc/boards", "/lib", "/opt", "/tmp", "/var", "/local", "/www",
};

static void make_folders(proc_t *sh)
{
    for (size_t i = 0; i < sizeof folders / sizeof folders[0]; i++) {
        int r = vfs_is_dir(folders[i]) ? 0 : vfs_mkdir(folders[i]);
        if (r < 0 && r != ERR_EXIST)
            stream_printf(sh->err, "boot: cannot create %s: %s\n", folders[i], err_str(r));
    }
}

static void mount_tmp(proc_t *sh)
{
    void *fs = ramfs_new(TMP_LIMIT);
    if (!fs || vfs_mount("/tmp", &ramfs_ops, fs) < 0)
        stream_printf(sh->err, "boot: /tmp not mounted\n");
}

static int read_failed_boots(void)
{
    char *text;
    size_t len;
    if (vfs_read_all(BOOT_ATTEMPTS, &text, &len) < 0)
        return 0;
    int n = atoi(text);
    free(text);
    return n;
}

static void write_failed_boots(int n)
{
    char text[16];
    int len = snprintf(text, sizeof text, "%d\n", n);
    vfs_write_all(BOOT_ATTEMPTS, text, (size_t)len);
}

/* Runs init.sh as the console's foreground process, so that Ctrl-C (or, in the first second,
 * the recovery key) stops it and the boot goes on to the prompt. Like upyOS, whose init.sh
 * runs in its one shell, a `cd` there is where the prompt starts. Returns 0, or 1 when stopped. */
static int run_init_script(proc_t *sh)
{
    char *argv[] = { INIT_SCRIPT };
    proc_t *init = proc_new("sh " INIT_SCRIPT, sh);
    if (!init) {
        stream_printf(sh->err, "boot: %s: too many processes\n", INIT_SCRIPT);
        return 1;
    }
    tty_set_foreground(sh->tty, init->pid);
    int skipped = tty_any_key_seen(sh->tty);  /* a key before this had nothing to stop yet */
    if (!skipped) {
        proc_set_current(init);
        shell_run_script(init, INIT_SCRIPT, 1, argv);
        proc_set_current(sh);
    }
    tty_set_foreground(sh->tty, 0);
    int stopped = skipped || init->status == PROC_STOPPING;
    str_copy(sh->cwd, init->cwd, sizeof sh->cwd);
    proc_end(init);
    return stopped;
}

static void enter_recovery(proc_t *sh)
{
    stream_puts(sh->out, "Recovery mode boot\n");
    sysdata.recovery = 1;
}

/* init.sh runs unless recovery was asked for (-r, or a key in the first second), or the last
 * boots crashed before the prompt. */
static void run_init(proc_t *sh, const struct boot_options *o)
{
    int failed = read_failed_boots();
    int key = tty_any_key_seen(sh->tty);
    int recovery = o->recovery || key || failed >= FAILED_BOOTS_FOR_RECOVERY;
    if (!recovery && vfs_exists(INIT_SCRIPT)) {
        stream_puts(sh->out, "Normal mode boot\n");
        write_failed_boots(failed + 1);     /* cleared once the prompt is reached */
        if (!run_init_script(sh))
            return;
        if (tty_any_key_seen(sh->tty))
            enter_recovery(sh);
        else
            stream_printf(sh->err, "%s: stopped\n", INIT_SCRIPT);
        return;
    }
    if (failed >= FAILED_BOOTS_FOR_RECOVERY && !o->recovery && !key)
        stream_printf(sh->out, "%d boots did not reach the prompt.\n", failed);
    enter_recovery(sh);
}

static void boot(proc_t *sh, const struct boot_options *o)
{
    if (sh->tty && sh->tty->terminal)
        stream_puts(sh->out, "\033[2J\033[H");
    stream_printf(sh->out, "Booting %s...\n", sysdata.name);
    make_folders(sh);
    mount_tmp(sh);
    vfs_set_guard(config_guard);
    config_load(CONFIG_PATH, sh->out);
    board_load(o->board ? o->board : config_board_path(), sh->out);
    run_init(sh, o);
    tty_catch_any_key(sh->tty, 0);          /* from here on keys are the prompt's */
    write_failed_boots(0);
    stream_puts(sh->out, "Type 'help' for a upyOS manual.\n");
}

static void shutdown(proc_t *sh)
{
    shutdown_stop_processes(sh->pid);
    if (vfs_exists(END_SCRIPT)) {
        char *argv[] = { END_SCRIPT };
        struct shell *outer = shell_own(sh);
        outer->leave = 0;                  /* end.sh runs even though exit was asked */
        shell_run_script(sh, END_SCRIPT, 1, argv);
        outer->leave = 1;
    }
    shutdown_stop_processes(sh->pid);
    stream_printf(sh->out, "Shutdown %s..., bye.\n", sysdata.name);
}

enum kernel_exit kernel_main(const struct boot_options *o)
{
    proc_init();
    env_init();
    sysdata_init();
    struct tty *console = console_start();
    if (console)
        tty_catch_any_key(console, hal_time_us() + RECOVERY_KEY_WINDOW_US);
    proc_t *sh = shell_start("sh", NULL, console, NULL, NULL, NULL);
    if (!sh)                                /* no console gives it no streams either */
        return KERNEL_EXIT_HALT;
    proc_reserve_for(sh);
    proc_set_current(sh);
    struct shell *shell = shell_own(sh);
    shell->console = 1;
    shutdown_register_console(&shell->leave);
    boot(sh, o);
    shell_prompt_loop(sh);
    shell->leave = 1;
    shutdown(sh);
    return shutdown_reboot_requested() ? KERNEL_EXIT_REBOOT : KERNEL_EXIT_HALT;
}
