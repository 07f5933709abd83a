/* The shell: runs lines of the upyOS script language for the console, telnet sessions,
 * scripts and the HTTP API. A process gets one through shell/session.h; a command finds the
 * shell it was started from with shell_of(). */
#ifndef SHELL_SHELL_H
#define SHELL_SHELL_H

#include "kernel/proc.h"

#define SHELL_LINE_MAX 1024
#define SHELL_ARGS_MAX 10         /* $0..$9 */

struct script;
struct lineedit;

struct shell {
    int last_status;              /* $? */
    int argc;                     /* $# is argc - 1 */
    char *argv[SHELL_ARGS_MAX];   /* $0..$9, owned */
    struct script *script;        /* the script being run, NULL at the prompt */
    struct lineedit *editor;      /* the prompt's line editor */
    int leave;                    /* exit asked: the prompt loop ends */
    int console;                  /* the console's session: leaving shuts the system down */
    int last_background_pid;      /* $!: each session and script has its own */
    struct shell *outer;          /* a script's: the shell that ran it in the same process */
    void *python;                 /* a session's `<`/`>` namespace (shell/python.c), or NULL */
};

/* The shell that p runs under: p's own or its nearest parent's. */
struct shell *shell_of(proc_t *p);

/* The session p runs in: the outermost shell above it (the console's, a telnet or web
 * session's), through scripts and the processes that started them. It is a script's own
 * shell only for a script that runs on its own (in the background). */
struct shell *shell_session(proc_t *p);
/* Ends every script between p and its session (`exit` in a script); the session goes on. */
void shell_end_scripts(proc_t *p);

/* Runs one line in shell process self. Returns the exit status of its last command. */
int shell_run_line(proc_t *self, const char *line);
/* Runs a script file as process self (which gets a shell of its own with argc/argv). */
int shell_run_script(proc_t *self, const char *path, int argc, char **argv);
/* The interactive prompt loop on self's streams; returns when input ends or exit is asked. */
int shell_prompt_loop(proc_t *self);

/* What a command word runs: a built-in, or a script or program file. */
int shell_find_program(const char *name, char *path, size_t size);

#endif
