/* The switch between two versions of the files on flash, for `upgrade`, and the trial boots
 * that follow it. The filesystem makes single renames atomic, not groups of them, so the
 * switch is a journal (docs/upgrade.md):
 *
 *   1. `upgrade` stages every changed file under UPGRADE_STAGE (the same paths below it) and
 *      verifies it; the live files are untouched.
 *   2. It writes UPGRADE_JOURNAL, all at once (a part file renamed into place): the first line
 *      "switch,<new version>,<old version>", then one line per file:
 *        A /path   added: the staged file is moved in
 *        C /path   changed: the live file is moved to UPGRADE_KEEP, the staged one in
 *        D /path   dropped: the live file is moved to UPGRADE_KEEP
 *        P /path   protected, replaced as the release asks: copied (the guard forbids renames)
 *      From the moment the journal exists the new version is decided.
 *   3. The operations run; each is a rename that is safe to repeat, so a reset in the middle is
 *      finished at the next boot (upgrade_resume) before anything reads the files.
 *   4. The first line becomes "trial,...": the next boots are trial boots, the previous
 *      version's files stay in UPGRADE_KEEP. upgrade_commit removes the journal (the new
 *      version is kept); upgrade_rollback makes it "rollback,..." and undoes the operations
 *      backwards, which a reset in the middle also finishes at the next boot. */
#ifndef KERNEL_UPGRADE_H
#define KERNEL_UPGRADE_H

#include <stddef.h>

#include "kernel/stream.h"

#define UPGRADE_DIR "/var/upgrade"
#define UPGRADE_STAGE "/var/upgrade/new"       /* the new version's changed files */
#define UPGRADE_KEEP "/var/upgrade/old"        /* the previous version's replaced files */
#define UPGRADE_JOURNAL "/var/upgrade/journal"
#define UPGRADE_BOOTS "/var/upgrade/boots"     /* trial boots started */
#define UPGRADE_MANIFEST "/etc/upgrade.inf"    /* the manifest of the installed version */
#define UPGRADE_KEY "/etc/upgrade.pub"         /* the public key releases are signed with */
#define UPGRADE_LOG "/var/log/upgrade.log"
#define UPGRADE_TRIAL_BOOTS 2                  /* trial boots without confirmation: rollback */
#define UPGRADE_VERSION_MAX 32

enum upgrade_state {
    UPGRADE_NONE,          /* no journal: the installed version is confirmed */
    UPGRADE_SWITCHING,     /* the journal is being carried out */
    UPGRADE_TRIAL,         /* switched; the previous version is kept until confirmed */
    UPGRADE_ROLLING_BACK,
};

struct upgrade_status {
    enum upgrade_state state;
    char version[UPGRADE_VERSION_MAX];   /* the version switched to */
    char previous[UPGRADE_VERSION_MAX];
    int boots;                           /* trial boots started */
};

int upgrade_status(struct upgrade_status *st);
const char *upgrade_state_name(enum upgrade_state s);

/* Where path is staged: UPGRADE_STAGE + path. ERR_NAMETOOLONG. */
int upgrade_stage_path(const char *path, char *out, size_t size);
/* Makes the folders above path. */
int upgrade_make_parents(const char *path);
/* Removes a staging area (a folder and everything in it); missing is fine. */
int upgrade_remove_tree(const char *dir);

/* Writes the journal (the operations' lines, without the first line) and carries it out:
 * afterwards the new version is in place and on trial. Progress and errors go to out. */
int upgrade_switch(const char *version, const char *previous, const char *ops, stream_t *out);
/* At boot, before the files are read: finishes a switch or a rollback that a reset cut, and
 * removes what a finished upgrade left. */
void upgrade_resume(stream_t *out);
/* At boot, after upgrade_resume: a trial boot is counted, and after UPGRADE_TRIAL_BOOTS
 * unconfirmed ones the previous version comes back. 1: this is a trial boot, 2: the board
 * just rolled back, 0: neither. */
int upgrade_trial_boot(stream_t *out);
/* Keeps the new version: the previous one is removed. ERR_NOENT when none is on trial. */
int upgrade_commit(stream_t *out);
/* Goes back to the previous version (why is logged). ERR_NOENT when none is kept. */
int upgrade_rollback(stream_t *out, const char *why);

/* A line in UPGRADE_LOG, and on out when it is not NULL. */
void upgrade_log(stream_t *out, const char *fmt, ...);

#endif
