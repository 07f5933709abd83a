/* Shell sessions: a process running the shell. The console, a telnet or web terminal and the
 * HTTP API's commands start one on their streams, run lines in it and end it; scripts and
 * `watch` give a process that already exists a shell of its own for a while.
 *
 * The kernel's processes know nothing of shells: a process's shells are kept in the slot the
 * kernel leaves to the layers above (proc->upper), which only shell/session.* touch, and a command
 * finds the shell it runs under through its foreground parents (shell_of, shell_process). */
#ifndef SHELL_SESSION_H
#define SHELL_SESSION_H

#include "kernel/proc.h"
#include "kernel/stream.h"

struct shell;
struct tty;

/* Starts a session: a new process `name` under parent (NULL: none) with a shell of its own
 * ($0 is "sh"). tty is its terminal (NULL: the parent's); in, out and err are its streams (the
 * caller's references; NULL: a stream on tty, or else the parent's). NULL when out of memory
 * or processes; the streams given are released then. The caller runs the shell in it:
 * shell_run() a line, or shell_prompt_loop() in the session's own thread. */
proc_t *shell_start(const char *name, proc_t *parent, struct tty *tty, stream_t *in,
                    stream_t *out, stream_t *err);
/* Runs one line in session, in the caller's thread: the session is the current process until
 * the line is over. Returns the line's exit status. */
int shell_run(proc_t *session, const char *line);
/* Ends the session: its shell and its process, with everything they own. */
void shell_end(proc_t *session);

/* Gives p, which already runs, a shell of its own with argc/argv as $0..$9 (a script's, a
 * background watch's); it stands in front of the shell p had, if any, until it is detached.
 * Only the thread running p attaches and detaches its shells. */
struct shell *shell_attach(proc_t *p, int argc, char **argv);
/* Takes p's innermost shell (the last attached) away from it again and frees it. */
void shell_detach(proc_t *p);

/* The shell p runs itself (its innermost, when a script runs in it), or NULL: its parents'
 * shells do not count. (A macro: a read of the slot needs no function of its own.) */
#define shell_own(p) ((struct shell *)(p)->upper)
/* The process that runs the shell p runs under: p or its nearest foreground parent with a
 * shell of its own (whose cwd `cd` changes, whose background jobs `wait` waits for). */
proc_t *shell_process(proc_t *p);

#endif
