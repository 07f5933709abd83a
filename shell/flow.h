/* The shell's flow builtins: `if A OP B ACTION...`, `run CMD...` and, in a script, `goto`,
 * `skip` and `return`, which move the script's position. Declared in shell/builtin.c. */
#ifndef SHELL_FLOW_H
#define SHELL_FLOW_H

#include "kernel/proc.h"

int flow_if(proc_t *p, int argc, char **argv);
int flow_run(proc_t *p, int argc, char **argv);
int flow_goto(proc_t *p, int argc, char **argv);
int flow_skip(proc_t *p, int argc, char **argv);
int flow_return(proc_t *p, int argc, char **argv);

#endif
