/* The boot and shutdown sequences (upyOS's order, see docs/architecture.md): the kernel's
 * start, the console's session, the kernel's boot steps, /etc/init.sh or recovery mode, the
 * prompt, and the shutdown with /etc/end.sh. */
#include "init/init.h"

#include <stdio.h>
#include <stdlib.h>

#include "kernel/files.h"
#include "hal/firmware.h"
#include "hal/system.h"
#include "hal/time.h"
#include "kernel/config.h"
#include "kernel/console.h"
#include "kernel/env.h"
#include "kernel/shutdown.h"
#include "kernel/sysdata.h"
#include "kernel/tty.h"
#include "kernel/upgrade.h"
#include "lib/str.h"
#ifdef UPYOS_NETWORK
#include "net/netif.h"
#endif
#include "shell/python_io.h"
#include "shell/session.h"
#include "shell/shell.h"

#define INIT_SCRIPT "/etc/init.sh"
#define END_SCRIPT "/etc/end.sh"
#define BOOT_ATTEMPTS "/var/boot.attempts"
/* Boots in a row that did not reach the prompt before recovery mode starts by itself. */
#define FAILED_BOOTS_FOR_RECOVERY 2
/* A key on the console this soon after the boot starts asks for recovery mode. The boot does
 * not wait for it: init.sh starts at once and the key stops it. */
#define RECOVERY_KEY_WINDOW_US 1000000

static int read_failed_boots(void)
{
    char *text;
    size_t len;
    if (file_read_all(BOOT_ATTEMPTS, &text, &len) < 0)
        return 0;
    int n = atoi(text);
    free(text);
    return n;
}

static void write_failed_boots(int n)
{
    char text[16];
    int len = snprintf(text, sizeof text, "%d\n", n);
    file_write_all(BOOT_ATTEMPTS, text, (size_t)len);
}

/* A trial boot after an upgrade (kernel/upgrade.h) must reach the prompt within
 * upgrade_boot_s seconds (system.conf), or the watchdog resets the board and the boot counts
 * as failed; at the prompt the board must stay up upgrade_confirm_s seconds before the new
 * version is kept. */
#define TRIAL_BOOT_S 120
#define TRIAL_CONFIRM_S 60

static int begin_trial(proc_t *sh)
{
    int trial = upgrade_trial_boot(sh->out);
    if (trial == 2)
        write_failed_boots(0);              /* the previous version boots normally again */
    if (trial == 1) {
        size_t seconds = config_size("upgrade_boot_s", 1, 86400, TRIAL_BOOT_S);
        hal_watchdog_start((uint32_t)seconds * 1000u);
    }
    return trial == 1;
}

static void prompt_reached_in_trial(proc_t *sh)
{
    char line[48];
    hal_watchdog_stop();
    snprintf(line, sizeof line, "upgrade --commit-after %u &",
             (unsigned)config_size("upgrade_confirm_s", 0, 86400, TRIAL_CONFIRM_S));
    shell_run_line(sh, line);
}

/* A new firmware on trial (hal/firmware.h: the boot stage swapped it in) has come up to the
 * prompt: it is kept, and the trial's watchdog stops. */
static void confirm_firmware(proc_t *sh)
{
    if (hal_firmware_state() == HAL_FIRMWARE_TRIAL && hal_firmware_confirm() == 0)
        stream_printf(sh->out, "upgrade: firmware %s confirmed\n", sysdata.version);
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
 * boots crashed before the prompt. Returns the count of failed boots now on file. */
static int run_init(proc_t *sh, const struct boot_options *o)
{
    int failed = read_failed_boots();
    int key = tty_any_key_seen(sh->tty);
    int recovery = o->recovery || key || failed >= FAILED_BOOTS_FOR_RECOVERY;
    if (!recovery && file_exists(INIT_SCRIPT)) {
        stream_puts(sh->out, "Normal mode boot\n");
        write_failed_boots(failed + 1);     /* cleared once the prompt is reached */
        if (!run_init_script(sh))
            return failed + 1;
        if (tty_any_key_seen(sh->tty))
            enter_recovery(sh);
        else
            stream_printf(sh->err, "%s: stopped\n", INIT_SCRIPT);
        return failed + 1;
    }
    if (failed >= FAILED_BOOTS_FOR_RECOVERY && !o->recovery && !key)
        stream_printf(sh->out, "%d boots did not reach the prompt.\n", failed);
    enter_recovery(sh);
    return failed;
}

/* end.sh runs in a shell of its own, which exit (asked of the console's) does not end. */
static void shutdown(proc_t *sh)
{
    shutdown_stop_processes(sh->pid);
    if (file_exists(END_SCRIPT)) {
        char *argv[] = { END_SCRIPT };
        shell_run_script(sh, END_SCRIPT, 1, argv);
    }
    shutdown_stop_processes(sh->pid);
    stream_printf(sh->out, "Shutdown %s..., bye.\n", sysdata.name);
}

enum kernel_exit init_main(const struct boot_options *o)
{
    proc_init();
    env_init();
    sysdata_init();
#ifdef UPYOS_NETWORK
    shell_python_set_network(netif);    /* a board without one leaves net/ out of its firmware */
#endif
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
    kernel_boot(sh, o);
    int trial = begin_trial(sh);
    int failed = run_init(sh, o);
    tty_catch_any_key(console, 0);          /* from here on keys are the prompt's */
    if (failed != 0)                        /* a recovery boot after good ones: nothing to clear */
        write_failed_boots(0);
    if (trial)
        prompt_reached_in_trial(sh);
    confirm_firmware(sh);
    stream_puts(sh->out, "Type 'help' for a upyOS manual.\n");
    shell_prompt_loop(sh);
    shutdown(sh);
    return shutdown_reboot_requested() ? KERNEL_EXIT_REBOOT : KERNEL_EXIT_HALT;
}
