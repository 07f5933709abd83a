/* Leaving the system: `exit`, `exit -r`, `reboot` ask for it; init_main (init/) carries it out. */
#ifndef KERNEL_SHUTDOWN_H
#define KERNEL_SHUTDOWN_H

/* leave is the console shell's flag that ends its prompt loop. */
void shutdown_register_console(int *leave);
/* Ends the console session; the kernel then stops processes and runs /etc/end.sh. */
void shutdown_request(int reboot);
int shutdown_reboot_requested(void);
/* Tells every process but keep_pid to stop, and waits a little for them to end. */
void shutdown_stop_processes(int keep_pid);

#endif
